namespace Satama.Master.Store;

/// <summary>
/// What <see cref="IStore.CommitAsync"/> did: either every write (<see cref="Rows"/> holds, per
/// write, the row as written; null for a Delete or a Require), or none, and then
/// <see cref="Conflict"/> is the first write that failed its check.
/// </summary>
internal sealed record StoreCommit(IReadOnlyList<StoredResource?> Rows, StoreWrite? Conflict)
{
    public bool Committed => Conflict is null;

    public static StoreCommit Refused(StoreWrite conflict) => new([], conflict);
}
