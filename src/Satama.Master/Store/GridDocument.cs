namespace Satama.Master.Store;

/// <summary>
/// The spec of a grid row. The token is what agents present to join; it is shown by GET grid,
/// so it is kept as is. Rotated-out tokens are kept only as hashes, and only let nodes that
/// already belong to the grid reconnect (their agents still hold the old token).
/// <see cref="GracePeriod"/>: how long a node may be offline before its instances move; null: the master's default.
/// </summary>
internal sealed record GridDocument(string Subnet, string Token, IReadOnlyList<string>? RetiredTokenHashes = null, TimeSpan? GracePeriod = null)
{
    /// <summary>How many rotated-out tokens still let known nodes back in.</summary>
    public const int MaxRetired = 16;

    public GridDocument Rotate(string newToken, string oldTokenHash) =>
        this with { Token = newToken, RetiredTokenHashes = [oldTokenHash, .. (RetiredTokenHashes ?? []).Take(MaxRetired - 1)] };
}
