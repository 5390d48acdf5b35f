using Microsoft.Data.Sqlite;

namespace Satama.Master.Store;

/// <summary>
/// The embedded store: one SQLite file, plain SQL. One connection behind a gate keeps
/// writes serial, so the global sequence and each row's revision (the sequence of its
/// last write) grow without gaps in meaning across restarts. Every write is a unit of work
/// (<see cref="CommitAsync"/>): one SQLite transaction that takes one sequence number.
/// </summary>
internal sealed class SqliteStore : IStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS resources (
            kind TEXT NOT NULL, grid TEXT NOT NULL, name TEXT NOT NULL,
            revision INTEGER NOT NULL, spec TEXT NOT NULL, status TEXT NOT NULL,
            created INTEGER NOT NULL, updated INTEGER NOT NULL,
            PRIMARY KEY (kind, grid, name));
        CREATE TABLE IF NOT EXISTS tokens (hash TEXT PRIMARY KEY, role TEXT NOT NULL, created INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        INSERT OR IGNORE INTO meta (key, value) VALUES ('sequence', 0);
        """;

    private const string Columns = "kind, grid, name, revision, spec, status, created, updated";

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Microsoft.Data.Sqlite wants every command of an open transaction to name it.
    private SqliteTransaction? _transaction;

    private SqliteStore(SqliteConnection connection, TimeProvider time, long sequence)
    {
        _connection = connection;
        _time = time;
        Changes = new ChangeFeed(sequence);
    }

    public ChangeFeed Changes { get; }

    public static async Task<SqliteStore> OpenAsync(string path, TimeProvider time, CancellationToken ct = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(ct);
        }
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT value FROM meta WHERE key = 'sequence'";
        var sequence = (long)(await read.ExecuteScalarAsync(ct))!;
        return new SqliteStore(connection, time, sequence);
    }

    public Task<StoredResource?> GetAsync(string kind, string grid, string name, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var rows = await QueryAsync($"SELECT {Columns} FROM resources WHERE kind = $kind AND grid = $grid AND name = $name",
                ct, ("$kind", kind), ("$grid", grid), ("$name", name));
            return rows.FirstOrDefault();
        }, ct);

    public Task<IReadOnlyList<StoredResource>> ListAsync(string kind, string? grid, CancellationToken ct = default) =>
        Locked(async () =>
        {
            var rows = grid is null
                ? await QueryAsync($"SELECT {Columns} FROM resources WHERE kind = $kind ORDER BY grid, name", ct, ("$kind", kind))
                : await QueryAsync($"SELECT {Columns} FROM resources WHERE kind = $kind AND grid = $grid ORDER BY name", ct, ("$kind", kind), ("$grid", grid));
            return (IReadOnlyList<StoredResource>)rows;
        }, ct);

    public async Task<StoredResource?> CreateAsync(string kind, string grid, string name, string spec, string status, CancellationToken ct = default) =>
        await CommitOneAsync(new UnitOfWork().Create(kind, grid, name, spec, status), ct);

    public async Task<StoredResource?> UpdateAsync(string kind, string grid, string name, long expectedRevision, string? spec, string? status, CancellationToken ct = default) =>
        await CommitOneAsync(new UnitOfWork().Update(kind, grid, name, expectedRevision, spec, status), ct);

    public async Task<bool> DeleteAsync(string kind, string grid, string name, long expectedRevision, CancellationToken ct = default) =>
        (await CommitAsync(new UnitOfWork().Delete(kind, grid, name, expectedRevision), ct)).Committed;

    public async Task<StoreCommit> CommitAsync(UnitOfWork work, CancellationToken ct = default)
    {
        var writes = work.Writes;
        if (writes.Count == 0)
        {
            return new StoreCommit([], null);
        }
        var (commit, sequence) = await Locked(async () =>
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
            _transaction = transaction;
            try
            {
                // One sequence number for the whole unit: its rows share one revision, and a
                // unit that fails rolls back, so the sequence does not move.
                await ExecuteAsync("UPDATE meta SET value = value + 1 WHERE key = 'sequence'", ct);
                await using var read = Command("SELECT value FROM meta WHERE key = 'sequence'");
                var next = (long)(await read.ExecuteScalarAsync(ct))!;
                // Rows keep milliseconds; the row returned must equal the row read back.
                var now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
                var rows = new List<StoredResource?>(writes.Count);
                foreach (var write in writes)
                {
                    var (applied, row) = await ApplyAsync(write, next, now, ct);
                    if (!applied)
                    {
                        await transaction.RollbackAsync(ct);
                        return (StoreCommit.Refused(write), 0L);
                    }
                    rows.Add(row);
                }
                await transaction.CommitAsync(ct);
                return (new StoreCommit(rows, null), next);
            }
            finally
            {
                _transaction = null;
            }
        }, ct);
        if (commit.Committed)
        {
            Changes.Advance(sequence);
        }
        return commit;
    }

    public Task<string?> FindTokenAsync(string hash, CancellationToken ct = default) =>
        Locked(async () =>
        {
            await using var command = Command("SELECT role FROM tokens WHERE hash = $hash", ("$hash", hash));
            return (string?)await command.ExecuteScalarAsync(ct);
        }, ct);

    public Task AddTokenAsync(string hash, string role, CancellationToken ct = default) =>
        Locked(async () => await ExecuteAsync("INSERT OR IGNORE INTO tokens (hash, role, created) VALUES ($hash, $role, $now)",
            ct, ("$hash", hash), ("$role", role), ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds())), ct);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<StoredResource?> CommitOneAsync(UnitOfWork work, CancellationToken ct) =>
        (await CommitAsync(work, ct)) is { Committed: true } commit ? commit.Rows[0] : null;

    // One write inside the open transaction: whether its check held, and the row it wrote.
    private async Task<(bool Applied, StoredResource? Row)> ApplyAsync(StoreWrite write, long sequence, DateTimeOffset now, CancellationToken ct)
    {
        var key = new (string, object?)[] { ("$kind", write.Kind), ("$grid", write.Grid), ("$name", write.Name) };
        switch (write.Op)
        {
            case StoreWriteOp.Create:
                var inserted = await ExecuteAsync(
                    "INSERT OR IGNORE INTO resources (kind, grid, name, revision, spec, status, created, updated) VALUES ($kind, $grid, $name, $rev, $spec, $status, $now, $now)",
                    ct, [.. key, ("$rev", sequence), ("$spec", write.Spec ?? "{}"), ("$status", write.Status ?? "{}"), ("$now", now.ToUnixTimeMilliseconds())]);
                return inserted == 1 ? (true, new StoredResource(write.Kind, write.Grid, write.Name, sequence, write.Spec ?? "{}", write.Status ?? "{}", now, now)) : (false, null);
            case StoreWriteOp.Update:
                var updated = await ExecuteAsync(
                    "UPDATE resources SET revision = $rev, spec = COALESCE($spec, spec), status = COALESCE($status, status), updated = $now WHERE kind = $kind AND grid = $grid AND name = $name AND revision = $expected",
                    ct, [.. key, ("$rev", sequence), ("$spec", write.Spec), ("$status", write.Status), ("$now", now.ToUnixTimeMilliseconds()), ("$expected", write.ExpectedRevision)]);
                if (updated != 1)
                {
                    return (false, null);
                }
                var rows = await QueryAsync($"SELECT {Columns} FROM resources WHERE kind = $kind AND grid = $grid AND name = $name", ct, key);
                return (true, rows.FirstOrDefault());
            case StoreWriteOp.Delete:
                var deleted = await ExecuteAsync("DELETE FROM resources WHERE kind = $kind AND grid = $grid AND name = $name AND revision = $expected",
                    ct, [.. key, ("$expected", write.ExpectedRevision)]);
                return (deleted == 1, null);
            case StoreWriteOp.Require:
                await using (var command = Command("SELECT COUNT(*) FROM resources WHERE kind = $kind AND grid = $grid AND name = $name AND revision = $expected",
                    [.. key, ("$expected", write.ExpectedRevision)]))
                {
                    return ((long)(await command.ExecuteScalarAsync(ct))! == 1, null);
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write.Op, "unknown store write");
        }
    }

    private async Task<T> Locked<T>(Func<Task<T>> action, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<StoredResource>> QueryAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<StoredResource>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StoredResource(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.GetString(4), reader.GetString(5),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }
        return rows;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
