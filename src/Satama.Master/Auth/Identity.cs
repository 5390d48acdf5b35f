using System.Collections.Concurrent;
using Satama.Core.Security;
using Satama.Master.Store;

namespace Satama.Master.Auth;

/// <summary>
/// Users, their tokens and their roles, as rows of the resource store. Tokens are stored under
/// their SHA-256 only; the value is returned once, when it is issued. Every change that writes
/// more than one row (a user and its first token, a user and all its tokens) is one unit of work.
/// </summary>
internal sealed partial class Identity(IStore store, TimeProvider time)
{
    /// <summary>The user the first start creates; DATA/admin-token is its token.</summary>
    public const string FirstAdmin = "admin";

    public const string NotFound = "not found";

    // Token hash -> caller as of a store sequence: reused while nothing in the store changed,
    // so a revoked token or a removed role stops working with the next request.
    private readonly ConcurrentDictionary<string, (long Sequence, TokenDocument Token, Caller Caller)> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// On a master without users (its first start, or one from before users existed) creates
    /// <see cref="FirstAdmin"/> as master_admin with <paramref name="adminTokenHash"/> as its token,
    /// both or neither: a master left with an admin but no token would never register the file again.
    /// </summary>
    public async Task EnsureFirstAdminAsync(string adminTokenHash, CancellationToken ct) =>
        await store.CommitWithRetryAsync(async ct =>
        {
            if ((await store.ListAsync(IdentityKinds.User, "", ct)).Count > 0)
            {
                return null;
            }
            var admin = UserDocument.New([new RoleBinding(Roles.MasterAdmin, "")]);
            var work = new UnitOfWork();
            // A row under this hash without any user is a leftover; the token is the file's now.
            if (await store.GetAsync(IdentityKinds.Token, "", adminTokenHash, ct) is { } leftover)
            {
                work.Delete(leftover);
            }
            return work.Create(IdentityKinds.User, "", FirstAdmin, StoreJson.Write(admin), "{}")
                .Create(IdentityKinds.Token, "", adminTokenHash, StoreJson.Write(new TokenDocument(FirstAdmin, "admin-token", null, null, admin.Id)), "{}");
        }, ct);

    /// <summary>The caller a bearer token stands for, or why it stands for nobody.</summary>
    public async Task<(Caller? Caller, string? Error)> AuthenticateAsync(string token, CancellationToken ct)
    {
        var hash = TokenHash.Of(token);
        var sequence = store.Changes.Sequence;
        if (!_known.TryGetValue(hash, out var known) || known.Sequence != sequence)
        {
            var row = await store.GetAsync(IdentityKinds.Token, "", hash, ct);
            var document = row is null ? null : StoreJson.Read<TokenDocument>(row.Spec);
            var userRow = document is null ? null : await store.GetAsync(IdentityKinds.User, "", document.User, ct);
            var user = userRow is null ? null : StoreJson.Read<UserDocument>(userRow.Spec);
            // A token of a removed user stays refused when a new user takes the name: the ids differ.
            if (document is null || user is null || !user.Owns(document))
            {
                _known.TryRemove(hash, out _);
                return (null, "invalid bearer token");
            }
            known = (sequence, document, new Caller(document.User, user.Roles, TokenDocument.IdOf(hash), document.Role, document.Expires));
            if (_known.Count > 10_000)
            {
                _known.Clear();
            }
            _known[hash] = known;
        }
        return known.Token.Expired(time.GetUtcNow())
            ? (null, $"the bearer token expired at {known.Token.Expires:yyyy-MM-dd HH:mm:ss}Z; create a new one with 'satama token create'")
            : (known.Caller, null);
    }

    public async Task<IReadOnlyList<(string Name, UserDocument User, DateTimeOffset Created)>> ListUsersAsync(CancellationToken ct) =>
        [.. (await store.ListAsync(IdentityKinds.User, "", ct)).Select(r => (r.Name, StoreJson.Read<UserDocument>(r.Spec), r.Created))];

    public async Task<UserDocument?> FindUserAsync(string name, CancellationToken ct) =>
        await store.GetAsync(IdentityKinds.User, "", name, ct) is { } row ? StoreJson.Read<UserDocument>(row.Spec) : null;

    /// <summary>
    /// Creates the user and its first token (one unit of work); null when the user exists. Tokens a
    /// removed user of this name left behind are deleted with it (they would not work anyway).
    /// </summary>
    public async Task<IssuedToken?> CreateUserAsync(string name, string tokenName, DateTimeOffset? expires, CancellationToken ct)
    {
        IssuedToken? issued = null;
        var commit = await store.CommitWithRetryAsync(async ct =>
        {
            if (await store.GetAsync(IdentityKinds.User, "", name, ct) is not null)
            {
                return null;
            }
            var user = UserDocument.New([]);
            var work = new UnitOfWork().Create(IdentityKinds.User, "", name, StoreJson.Write(user), "{}");
            foreach (var leftover in (await store.ListAsync(IdentityKinds.Token, "", ct)).Where(t => StoreJson.Read<TokenDocument>(t.Spec).User == name))
            {
                work.Delete(leftover);
            }
            issued = NewToken(work, new TokenDocument(name, tokenName, null, expires, user.Id));
            return work;
        }, ct);
        // The token is the unit's last write.
        return commit is null ? null : issued! with { Created = commit.Rows[^1]!.Created };
    }

    /// <summary>Removes the user and its tokens in one unit of work; null when done, else why not (the user is gone: <see cref="NotFound"/>).</summary>
    public async Task<string?> DeleteUserAsync(string name, CancellationToken ct)
    {
        string? refused = null;
        await store.CommitWithRetryAsync(async ct =>
        {
            var row = await store.GetAsync(IdentityKinds.User, "", name, ct);
            if (row is null)
            {
                refused = NotFound;
                return null;
            }
            var work = new UnitOfWork().Delete(row);
            if (StoreJson.Read<UserDocument>(row.Spec).IsMasterAdmin && await RequireOtherMasterAdminsAsync(work, name, ct) == 0)
            {
                refused = $"user '{name}' is the last master_admin; grant master_admin to another user first";
                return null;
            }
            // Every token under the name, also any an earlier user of the name left.
            foreach (var token in (await store.ListAsync(IdentityKinds.Token, "", ct)).Where(t => StoreJson.Read<TokenDocument>(t.Spec).User == name))
            {
                work.Delete(token);
            }
            refused = null;
            return work;
        }, ct);
        return refused;
    }

    public async Task<int> MasterAdminsAsync(CancellationToken ct) =>
        (await ListUsersAsync(ct)).Count(u => u.User.IsMasterAdmin);

    // The change holds only while the other master admins keep the role: two admins removing each
    // other at once must not leave the master without one.
    private async Task<int> RequireOtherMasterAdminsAsync(UnitOfWork work, string user, CancellationToken ct)
    {
        var others = (await store.ListAsync(IdentityKinds.User, "", ct))
            .Where(r => r.Name != user && StoreJson.Read<UserDocument>(r.Spec).IsMasterAdmin).ToList();
        foreach (var other in others)
        {
            work.Require(other);
        }
        return others.Count;
    }
}
