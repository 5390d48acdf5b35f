using System.Collections.Concurrent;
using Satama.Core.Security;
using Satama.Master.Store;

namespace Satama.Master.Auth;

/// <summary>
/// Users, their tokens and their roles, as rows of the resource store. Tokens are stored under
/// their SHA-256 only; the value is returned once, when it is issued.
/// </summary>
internal sealed class Identity(IStore store, TimeProvider time)
{
    /// <summary>The user the first start creates; DATA/admin-token is its token.</summary>
    public const string FirstAdmin = "admin";

    // Token hash -> caller as of a store sequence: reused while nothing in the store changed,
    // so a revoked token or a removed role stops working with the next request.
    private readonly ConcurrentDictionary<string, (long Sequence, TokenDocument Token, Caller Caller)> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// On a master without users (its first start, or one from before users existed) creates
    /// <see cref="FirstAdmin"/> as master_admin with <paramref name="adminTokenHash"/> as its token.
    /// </summary>
    public async Task EnsureFirstAdminAsync(string adminTokenHash, CancellationToken ct)
    {
        if ((await store.ListAsync(IdentityKinds.User, "", ct)).Count > 0)
        {
            return;
        }
        await store.CreateAsync(IdentityKinds.User, "", FirstAdmin, StoreJson.Write(new UserDocument([new RoleBinding(Roles.MasterAdmin, "")])), "{}", ct);
        await store.CreateAsync(IdentityKinds.Token, "", adminTokenHash, StoreJson.Write(new TokenDocument(FirstAdmin, "admin-token", null, null)), "{}", ct);
    }

    /// <summary>The caller a bearer token stands for, or why it stands for nobody.</summary>
    public async Task<(Caller? Caller, string? Error)> AuthenticateAsync(string token, CancellationToken ct)
    {
        var hash = TokenHash.Of(token);
        var sequence = store.Changes.Sequence;
        if (!_known.TryGetValue(hash, out var known) || known.Sequence != sequence)
        {
            var row = await store.GetAsync(IdentityKinds.Token, "", hash, ct);
            var document = row is null ? null : StoreJson.Read<TokenDocument>(row.Spec);
            var user = document is null ? null : await store.GetAsync(IdentityKinds.User, "", document.User, ct);
            if (document is null || user is null)
            {
                _known.TryRemove(hash, out _);
                return (null, "invalid bearer token");
            }
            known = (sequence, document, new Caller(document.User, StoreJson.Read<UserDocument>(user.Spec).Roles, TokenDocument.IdOf(hash), document.Role));
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

    /// <summary>False when the user exists.</summary>
    public async Task<bool> CreateUserAsync(string name, CancellationToken ct) =>
        await store.CreateAsync(IdentityKinds.User, "", name, StoreJson.Write(new UserDocument([])), "{}", ct) is not null;

    /// <summary>Removes the user and its tokens; null when done, else why not (the user is gone: "not found").</summary>
    public async Task<string?> DeleteUserAsync(string name, CancellationToken ct)
    {
        var row = await store.GetAsync(IdentityKinds.User, "", name, ct);
        if (row is null)
        {
            return NotFound;
        }
        if (StoreJson.Read<UserDocument>(row.Spec).IsMasterAdmin && await MasterAdminsAsync(ct) <= 1)
        {
            return $"user '{name}' is the last master_admin; grant master_admin to another user first";
        }
        if (!await store.DeleteAsync(IdentityKinds.User, "", name, row.Revision, ct))
        {
            return $"user '{name}' changed while it was being removed; try again";
        }
        foreach (var token in await store.ListAsync(IdentityKinds.Token, "", ct))
        {
            if (StoreJson.Read<TokenDocument>(token.Spec).User == name)
            {
                await store.DeleteAsync(IdentityKinds.Token, "", token.Name, token.Revision, ct);
            }
        }
        return null;
    }

    public const string NotFound = "not found";

    /// <summary>A new token for <paramref name="user"/>: its value (shown once) and its stored form.</summary>
    public async Task<(string Value, string Id, TokenDocument Token, DateTimeOffset Created)> IssueTokenAsync(string user, string name, string? role,
        DateTimeOffset? expires, CancellationToken ct)
    {
        while (true)
        {
            var value = TokenHash.NewToken();
            var hash = TokenHash.Of(value);
            var document = new TokenDocument(user, name, role, expires);
            if (await store.CreateAsync(IdentityKinds.Token, "", hash, StoreJson.Write(document), "{}", ct) is { } row)
            {
                return (value, TokenDocument.IdOf(hash), document, row.Created);
            }
        }
    }

    /// <summary>Tokens of one user (or of everyone): id, stored form, created.</summary>
    public async Task<IReadOnlyList<(string Id, TokenDocument Token, DateTimeOffset Created)>> ListTokensAsync(string? user, CancellationToken ct) =>
        [.. (await store.ListAsync(IdentityKinds.Token, "", ct))
            .Select(r => (Id: TokenDocument.IdOf(r.Name), Token: StoreJson.Read<TokenDocument>(r.Spec), r.Created))
            .Where(t => user is null || t.Token.User == user)
            .OrderBy(t => t.Created)];

    /// <summary>Revokes <paramref name="user"/>'s token with this id; false when it has none.</summary>
    public async Task<bool> RevokeTokenAsync(string user, string id, CancellationToken ct)
    {
        foreach (var row in await store.ListAsync(IdentityKinds.Token, "", ct))
        {
            if (TokenDocument.IdOf(row.Name) == id.ToLowerInvariant() && StoreJson.Read<TokenDocument>(row.Spec).User == user)
            {
                return await store.DeleteAsync(IdentityKinds.Token, "", row.Name, row.Revision, ct);
            }
        }
        return false;
    }

    /// <summary>Adds (grant) or removes a role of a user; the user after it and when it was created, or null when the user is gone.</summary>
    public async Task<(UserDocument User, DateTimeOffset Created)?> ChangeRolesAsync(string user, RoleBinding binding, bool grant, CancellationToken ct)
    {
        var row = await store.UpdateWithRetryAsync(IdentityKinds.User, "", user, current =>
        {
            var document = StoreJson.Read<UserDocument>(current.Spec);
            var roles = document.Roles.Where(r => r != binding).ToList();
            if (grant)
            {
                roles.Add(binding);
            }
            roles = [.. roles.OrderBy(r => r.Grid, StringComparer.Ordinal).ThenByDescending(r => Roles.Rank(r.Role))];
            return (StoreJson.Write(document with { Roles = roles }), null);
        }, ct);
        return row is null ? null : (StoreJson.Read<UserDocument>(row.Spec), row.Created);
    }

    /// <summary>Revokes every role held on <paramref name="grid"/> (the grid is being removed).</summary>
    public async Task RevokeGridRolesAsync(string grid, CancellationToken ct)
    {
        foreach (var (name, user, _) in await ListUsersAsync(ct))
        {
            foreach (var binding in user.Roles.Where(r => r.Grid == grid && Roles.IsGridRole(r.Role)))
            {
                await ChangeRolesAsync(name, binding, grant: false, ct);
            }
        }
    }

    public async Task<int> MasterAdminsAsync(CancellationToken ct) =>
        (await ListUsersAsync(ct)).Count(u => u.User.IsMasterAdmin);
}
