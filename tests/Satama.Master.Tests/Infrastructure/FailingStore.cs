using Satama.Master.Store;

namespace Satama.Master.Tests.Infrastructure;

/// <summary>
/// A store that dies at its Nth write call (a single-row write or a unit of work each count as one),
/// as a master that crashes between two steps of a change would: writes before it stay, it and
/// those after it never happen. Reads pass through.
/// </summary>
internal sealed class FailingStore(IStore inner, int failAtWrite) : IStore
{
    private int _writes;

    public ChangeFeed Changes => inner.Changes;

    public Task<StoredResource?> GetAsync(string kind, string grid, string name, CancellationToken ct = default) => inner.GetAsync(kind, grid, name, ct);

    public Task<IReadOnlyList<StoredResource>> ListAsync(string kind, string? grid, CancellationToken ct = default) => inner.ListAsync(kind, grid, ct);

    public Task<StoredResource?> CreateAsync(string kind, string grid, string name, string spec, string status, CancellationToken ct = default)
    {
        Write();
        return inner.CreateAsync(kind, grid, name, spec, status, ct);
    }

    public Task<StoredResource?> UpdateAsync(string kind, string grid, string name, long expectedRevision, string? spec, string? status, CancellationToken ct = default)
    {
        Write();
        return inner.UpdateAsync(kind, grid, name, expectedRevision, spec, status, ct);
    }

    public Task<bool> DeleteAsync(string kind, string grid, string name, long expectedRevision, CancellationToken ct = default)
    {
        Write();
        return inner.DeleteAsync(kind, grid, name, expectedRevision, ct);
    }

    public Task<StoreCommit> CommitAsync(UnitOfWork work, CancellationToken ct = default)
    {
        Write();
        return inner.CommitAsync(work, ct);
    }

    public Task<string?> FindTokenAsync(string hash, CancellationToken ct = default) => inner.FindTokenAsync(hash, ct);

    public Task AddTokenAsync(string hash, string role, CancellationToken ct = default)
    {
        Write();
        return inner.AddTokenAsync(hash, role, ct);
    }

    // The inner store is the test's; it disposes it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Write()
    {
        if (Interlocked.Increment(ref _writes) >= failAtWrite)
        {
            throw new StoreCrashedException();
        }
    }
}
