using Microsoft.Data.Sqlite;
using Satama.Master.Store;

namespace Satama.Master.Audit;

/// <summary>
/// The audit trail in its own tables of the master's SQLite file, on its own connection (the
/// resource store never sees it). Append-only: triggers refuse UPDATE and DELETE, ids never
/// repeat (AUTOINCREMENT), and audit_head remembers the newest event so that removing the last
/// rows is caught too.
/// </summary>
internal sealed class AuditLog : IAsyncDisposable, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS audit_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            resource TEXT NOT NULL, grid TEXT NOT NULL, source TEXT NOT NULL, outcome TEXT NOT NULL, status INTEGER NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_events_grid ON audit_events (grid, id);
        CREATE TABLE IF NOT EXISTS audit_head (one INTEGER PRIMARY KEY CHECK (one = 1), id INTEGER NOT NULL, hash TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events
            BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
        """;

    private const string Columns = "id, time, actor, action, resource, grid, source, outcome, status, prev_hash, hash";

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private AuditLog(SqliteConnection connection, TimeProvider time, long newest)
    {
        _connection = connection;
        _time = time;
        Appended = new ChangeFeed(newest);
    }

    /// <summary>Moves to the id of each new event: what <c>audit ls --follow</c> waits on.</summary>
    public ChangeFeed Appended { get; }

    public static AuditLog Open(string databasePath, TimeProvider time)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Schema;
            command.ExecuteNonQuery();
        }
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COALESCE(MAX(id), 0) FROM audit_events";
        return new AuditLog(connection, time, (long)read.ExecuteScalar()!);
    }

    /// <summary>Appends one event, chained to the newest, in one transaction with the head.</summary>
    public async Task<AuditEvent> AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        AuditEvent appended;
        await _gate.WaitAsync(ct);
        try
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
            string previous;
            await using (var head = Command(transaction, "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1"))
            {
                previous = (string?)await head.ExecuteScalarAsync(ct) ?? AuditChain.Genesis;
            }
            long id;
            await using (var next = Command(transaction, "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'), 0) + 1"))
            {
                id = (long)(await next.ExecuteScalarAsync(ct))!;
            }
            var time = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
            var outcome = AuditEvent.OutcomeOf(entry.Status);
            var hash = AuditChain.Hash(previous, AuditChain.Canonical(id, time, entry.Actor, entry.Action, entry.Resource, entry.Grid,
                entry.Source, outcome, entry.Status));
            appended = new AuditEvent(id, time, entry.Actor, entry.Action, entry.Resource, entry.Grid, entry.Source, outcome, entry.Status, previous, hash);
            await using (var insert = Command(transaction,
                $"INSERT INTO audit_events ({Columns}) VALUES ($id, $time, $actor, $action, $resource, $grid, $source, $outcome, $status, $prev, $hash)",
                ("$id", id), ("$time", time.ToUnixTimeMilliseconds()), ("$actor", entry.Actor), ("$action", entry.Action),
                ("$resource", entry.Resource), ("$grid", entry.Grid), ("$source", entry.Source), ("$outcome", outcome),
                ("$status", entry.Status), ("$prev", previous), ("$hash", hash)))
            {
                await insert.ExecuteNonQueryAsync(ct);
            }
            await using (var head = Command(transaction, "INSERT INTO audit_head (one, id, hash) VALUES (1, $id, $hash) ON CONFLICT (one) DO UPDATE SET id = $id, hash = $hash",
                ("$id", id), ("$hash", hash)))
            {
                await head.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
        Appended.Advance(appended.Id);
        return appended;
    }

    /// <summary>The newest events matching the filter (at most its limit), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(AuditFilter filter, CancellationToken ct = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (filter.Grid is { } grid)
        {
            where.Add("grid = $grid");
            parameters.Add(("$grid", grid));
        }
        if (filter.Actor is { } actor)
        {
            where.Add("actor = $actor");
            parameters.Add(("$actor", actor));
        }
        if (filter.Since is { } since)
        {
            where.Add("time >= $since");
            parameters.Add(("$since", since.ToUnixTimeMilliseconds()));
        }
        if (filter.AfterId is { } after)
        {
            where.Add("id > $after");
            parameters.Add(("$after", after));
        }
        parameters.Add(("$limit", filter.Limit));
        var condition = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        // With AfterId the caller follows: the oldest first; otherwise the newest, shown oldest first.
        var sql = filter.AfterId is null
            ? $"SELECT {Columns} FROM (SELECT {Columns} FROM audit_events {condition} ORDER BY id DESC LIMIT $limit) ORDER BY id"
            : $"SELECT {Columns} FROM audit_events {condition} ORDER BY id LIMIT $limit";
        return await LockedAsync(() => ReadAsync(sql, parameters, ct), ct);
    }

    /// <summary>Walks the whole chain: the first changed, inserted or missing event, if any.</summary>
    public Task<AuditVerification> VerifyAsync(CancellationToken ct = default) =>
        LockedAsync(async () =>
        {
            var rows = await ReadAsync($"SELECT {Columns} FROM audit_events ORDER BY id", [], ct);
            (long Id, string Hash)? head = null;
            await using (var command = Command(null, "SELECT id, hash FROM audit_head WHERE one = 1"))
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                if (await reader.ReadAsync(ct))
                {
                    head = (reader.GetInt64(0), reader.GetString(1));
                }
            }
            return AuditVerifier.Verify(rows, head);
        }, ct);

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> action, CancellationToken ct)
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

    private async Task<IReadOnlyList<AuditEvent>> ReadAsync(string sql, IEnumerable<(string, object?)> parameters, CancellationToken ct)
    {
        await using var command = Command(null, sql, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(ct))
        {
            events.Add(new AuditEvent(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetInt32(8),
                reader.GetString(9), reader.GetString(10)));
        }
        return events;
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return command;
    }
}
