namespace Satama.Master.Store;

/// <summary>Read-modify-write with optimistic concurrency: re-read and retry when another writer won.</summary>
internal static class StoreExtensions
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Applies <paramref name="change"/> (new spec, new status; null keeps one) to the current row until
    /// it sticks. Returns the written row, the unchanged row when change returns (null, null), or null when the row is gone.
    /// </summary>
    public static async Task<StoredResource?> UpdateWithRetryAsync(this IStore store, string kind, string grid, string name,
        Func<StoredResource, (string? Spec, string? Status)> change, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.GetAsync(kind, grid, name, ct);
            if (current is null)
            {
                return null;
            }
            var (spec, status) = change(current);
            if ((spec is null || spec == current.Spec) && (status is null || status == current.Status))
            {
                return current;
            }
            var written = await store.UpdateAsync(kind, grid, name, current.Revision, spec, status, ct);
            if (written is not null)
            {
                return written;
            }
        }
        throw new InvalidOperationException($"{kind} '{grid}/{name}' kept changing under {MaxAttempts} attempts to update it");
    }

    /// <summary>
    /// Plans a unit of work from what the store holds now and commits it, again from a fresh read
    /// when another writer got in between (a conflict). <paramref name="plan"/> returns null to write
    /// nothing (it found a reason not to; it keeps that reason itself); so does this, then.
    /// </summary>
    public static async Task<StoreCommit?> CommitWithRetryAsync(this IStore store, Func<CancellationToken, Task<UnitOfWork?>> plan,
        CancellationToken ct = default)
    {
        StoreWrite? conflict = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var work = await plan(ct);
            if (work is null)
            {
                return null;
            }
            var commit = await store.CommitAsync(work, ct);
            if (commit.Committed)
            {
                return commit;
            }
            conflict = commit.Conflict;
        }
        throw new InvalidOperationException($"a change kept conflicting under {MaxAttempts} attempts to commit it: {conflict?.Refusal}");
    }
}
