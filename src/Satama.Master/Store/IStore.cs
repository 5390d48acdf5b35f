namespace Satama.Master.Store;

/// <summary>
/// The master's state: resources as (kind, grid, name, revision, spec JSON, status JSON) rows
/// with optimistic concurrency, and hashed API tokens. Every write advances
/// <see cref="Changes"/>, which controllers and the agent dispatcher watch. A change that writes
/// more than one row goes through <see cref="CommitAsync"/>: one transaction, all or nothing. The
/// single-row writes are units of work of one write.
/// </summary>
internal interface IStore : IAsyncDisposable
{
    ChangeFeed Changes { get; }

    Task<StoredResource?> GetAsync(string kind, string grid, string name, CancellationToken ct = default);

    /// <summary>Rows of one kind, of one grid or (grid null) of every grid.</summary>
    Task<IReadOnlyList<StoredResource>> ListAsync(string kind, string? grid, CancellationToken ct = default);

    /// <summary>Inserts a row; null when one with the same key exists.</summary>
    Task<StoredResource?> CreateAsync(string kind, string grid, string name, string spec, string status, CancellationToken ct = default);

    /// <summary>
    /// Replaces spec and/or status (null keeps the stored one) if the row is still at
    /// <paramref name="expectedRevision"/>; null when it moved on or is gone.
    /// </summary>
    Task<StoredResource?> UpdateAsync(string kind, string grid, string name, long expectedRevision, string? spec, string? status, CancellationToken ct = default);

    /// <summary>Deletes the row if it is at <paramref name="expectedRevision"/>; false otherwise.</summary>
    Task<bool> DeleteAsync(string kind, string grid, string name, long expectedRevision, CancellationToken ct = default);

    /// <summary>
    /// Applies every write of <paramref name="work"/> in one transaction, in order (each sees the ones
    /// before it), or none: the first write that fails its check rolls all back and is returned as the
    /// conflict. All rows written take one new revision, and <see cref="Changes"/> advances once, after
    /// the commit. An empty unit of work commits and changes nothing.
    /// </summary>
    Task<StoreCommit> CommitAsync(UnitOfWork work, CancellationToken ct = default);

    /// <summary>The role of the token with this SHA-256 hash, or null.</summary>
    Task<string?> FindTokenAsync(string hash, CancellationToken ct = default);

    Task AddTokenAsync(string hash, string role, CancellationToken ct = default);
}
