namespace Satama.Master.Store;

/// <summary>
/// A set of writes that <see cref="IStore.CommitAsync"/> applies in one transaction, in order,
/// all or nothing: one write that fails its check (a Create whose key exists, an Update, Delete or
/// Require whose row moved on or is gone) leaves every row as it was. Reads happen before, outside
/// it; the expected revisions make the writes conditional on what was read (optimistic
/// concurrency), so no lock is held while a caller thinks.
/// </summary>
internal sealed class UnitOfWork
{
    private readonly List<StoreWrite> _writes = [];

    public IReadOnlyList<StoreWrite> Writes => _writes;

    public UnitOfWork Create(string kind, string grid, string name, string spec, string status) =>
        Add(new StoreWrite(StoreWriteOp.Create, kind, grid, name, 0, spec, status));

    public UnitOfWork Update(string kind, string grid, string name, long expectedRevision, string? spec, string? status) =>
        Add(new StoreWrite(StoreWriteOp.Update, kind, grid, name, expectedRevision, spec, status));

    public UnitOfWork Delete(string kind, string grid, string name, long expectedRevision) =>
        Add(new StoreWrite(StoreWriteOp.Delete, kind, grid, name, expectedRevision, null, null));

    public UnitOfWork Delete(StoredResource row) => Delete(row.Kind, row.Grid, row.Name, row.Revision);

    /// <summary>The change holds only while <paramref name="row"/> is still at its revision.</summary>
    public UnitOfWork Require(StoredResource row) =>
        Add(new StoreWrite(StoreWriteOp.Require, row.Kind, row.Grid, row.Name, row.Revision, null, null));

    private UnitOfWork Add(StoreWrite write)
    {
        _writes.Add(write);
        return this;
    }
}
