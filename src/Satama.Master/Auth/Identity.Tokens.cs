using Satama.Master.Store;

namespace Satama.Master.Auth;

/// <summary>Tokens: issue, list, revoke. A token counts for its user only while the ids match (<see cref="UserDocument.Owns"/>).</summary>
internal sealed partial class Identity
{
    /// <summary>A new token for <paramref name="user"/>; null when the user is gone.</summary>
    public async Task<IssuedToken?> IssueTokenAsync(string user, string name, string? role, DateTimeOffset? expires, CancellationToken ct)
    {
        IssuedToken? issued = null;
        var commit = await store.CommitWithRetryAsync(async ct =>
        {
            // The token names the user's id: should the user be removed meanwhile, it works for no later user of the name.
            if (await FindUserAsync(user, ct) is not { } owner)
            {
                return null;
            }
            var work = new UnitOfWork();
            issued = NewToken(work, new TokenDocument(user, name, role, expires, owner.Id));
            return work;
        }, ct);
        return commit is null ? null : issued! with { Created = commit.Rows[^1]!.Created };
    }

    /// <summary>Tokens of one user (or of everyone): id, stored form, created. Tokens whose user is gone are not listed.</summary>
    public async Task<IReadOnlyList<(string Id, TokenDocument Token, DateTimeOffset Created)>> ListTokensAsync(string? user, CancellationToken ct) =>
        [.. (await OwnedTokensAsync(user, ct)).Select(t => (Id: TokenDocument.IdOf(t.Row.Name), t.Token, t.Row.Created)).OrderBy(t => t.Created)];

    /// <summary>Revokes <paramref name="user"/>'s token with this id; false when it has none.</summary>
    public async Task<bool> RevokeTokenAsync(string user, string id, CancellationToken ct)
    {
        foreach (var (row, _) in await OwnedTokensAsync(user, ct))
        {
            if (TokenDocument.IdOf(row.Name) == id.ToLowerInvariant())
            {
                return await store.DeleteAsync(IdentityKinds.Token, "", row.Name, row.Revision, ct);
            }
        }
        return false;
    }

    // Adds the token's row to the unit of work, under the hash of a fresh value.
    private static IssuedToken NewToken(UnitOfWork work, TokenDocument document)
    {
        var value = TokenHash.NewToken();
        var hash = TokenHash.Of(value);
        work.Create(IdentityKinds.Token, "", hash, StoreJson.Write(document), "{}");
        return new IssuedToken(value, hash, document, default);
    }

    private async Task<List<(StoredResource Row, TokenDocument Token)>> OwnedTokensAsync(string? user, CancellationToken ct)
    {
        var owners = (await ListUsersAsync(ct)).Where(u => user is null || u.Name == user).ToDictionary(u => u.Name, u => u.User, StringComparer.Ordinal);
        return [.. (await store.ListAsync(IdentityKinds.Token, "", ct))
            .Select(r => (Row: r, Token: StoreJson.Read<TokenDocument>(r.Spec)))
            .Where(t => owners.TryGetValue(t.Token.User, out var owner) && owner.Owns(t.Token))];
    }
}
