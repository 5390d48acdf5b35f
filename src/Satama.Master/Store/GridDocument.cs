using Satama.Core.Security;

namespace Satama.Master.Store;

/// <summary>
/// The spec of a grid row. The token is what agents present to join; it is shown by GET grid,
/// so it is kept as is. Rotated-out tokens are kept only as hashes, and only let nodes that
/// already belong to the grid reconnect (their agents still hold the old token).
/// <see cref="GracePeriod"/>: how long a node may be offline before its instances move; null: the master's default.
/// <see cref="AllowedOptions"/> and <see cref="AllowedBinds"/>: the host-level options the grid's grid_users may ask
/// for (see <see cref="HostAllowances"/>); null: none (a grid from before them).
/// </summary>
internal sealed record GridDocument(string Subnet, string Token, IReadOnlyList<string>? RetiredTokenHashes = null, TimeSpan? GracePeriod = null,
    IReadOnlyList<string>? AllowedOptions = null, IReadOnlyList<string>? AllowedBinds = null)
{
    /// <summary>The grid's host allowances (a method, so the store's JSON holds only the two lists).</summary>
    public HostAllowances Allowances() => new(AllowedOptions ?? [], AllowedBinds ?? []);

    /// <summary>How many rotated-out tokens still let known nodes back in.</summary>
    public const int MaxRetired = 16;

    public GridDocument Rotate(string newToken, string oldTokenHash) =>
        this with { Token = newToken, RetiredTokenHashes = [oldTokenHash, .. (RetiredTokenHashes ?? []).Take(MaxRetired - 1)] };
}
