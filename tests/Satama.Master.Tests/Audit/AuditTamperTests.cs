using Microsoft.Data.Sqlite;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;

namespace Satama.Master.Tests.Audit;

/// <summary>Someone with the database file edits or deletes rows behind the master's back; verify finds it.</summary>
public sealed class AuditTamperTests
{
    [Fact]
    public async Task Rows_cannot_be_updated_or_deleted_through_SQL_while_the_guards_are_in_place()
    {
        await using var master = await MasterWithEventsAsync(3);

        var update = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(master, "UPDATE audit_events SET actor = 'mallory' WHERE id = 2"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(master, "DELETE FROM audit_events WHERE id = 2"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.True((await master.Client.VerifyAuditAsync()).Ok);
    }

    [Fact]
    public async Task An_edited_row_is_found_with_its_id()
    {
        await using var master = await MasterWithEventsAsync(4);

        await ExecuteAsync(master, "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET actor = 'mallory' WHERE id = 3");
        var result = await master.Client.VerifyAuditAsync();

        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadId);
        Assert.Equal(2, result.Checked);
        Assert.Contains("event 3 was changed", result.Reason);
    }

    [Fact]
    public async Task An_edited_row_with_a_recomputed_own_hash_still_breaks_the_chain()
    {
        await using var master = await MasterWithEventsAsync(3);

        // The forger recomputes event 2's hash but cannot fix event 3, which chains to the old one.
        var events = await master.Client.ListAuditAsync();
        var e2 = events.Single(e => e.Id == 2);
        var forged = Satama.Master.Audit.AuditChain.Hash(e2.PreviousHash, Satama.Master.Audit.AuditChain.Canonical(
            e2.Id, e2.Time, "mallory", e2.Action, e2.Resource, e2.Grid, e2.Source, e2.Outcome, e2.Status));
        await ExecuteAsync(master, $"DROP TRIGGER audit_events_no_update; UPDATE audit_events SET actor = 'mallory', hash = '{forged}' WHERE id = 2");
        var result = await master.Client.VerifyAuditAsync();

        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadId);
        Assert.Contains("does not chain", result.Reason);
    }

    [Fact]
    public async Task A_deleted_row_is_found()
    {
        await using var master = await MasterWithEventsAsync(4);

        await ExecuteAsync(master, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = 2");
        var result = await master.Client.VerifyAuditAsync();

        Assert.False(result.Ok);
        Assert.Equal(2, result.FirstBadId);
        Assert.Contains("event 2 is missing", result.Reason);
    }

    [Fact]
    public async Task Deleting_the_newest_rows_is_found_too()
    {
        await using var master = await MasterWithEventsAsync(4);

        await ExecuteAsync(master, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id >= 3");
        var result = await master.Client.VerifyAuditAsync();

        Assert.False(result.Ok);
        Assert.Equal(3, result.FirstBadId);
        Assert.Contains("missing", result.Reason);
    }

    [Fact]
    public async Task The_chain_survives_a_restart_and_continues()
    {
        using var dir = new TempDirectory("satama-audit-");
        await using (var first = await TestMaster.StartAsync(dir.Path))
        {
            await first.NewGridAsync();
        }

        await using var second = await TestMaster.StartAsync(dir.Path);
        await second.NewGridAsync();
        var result = await second.Client.VerifyAuditAsync();
        var events = await second.Client.ListAuditAsync();

        Assert.True(result.Ok, result.Reason);
        Assert.Equal(2, result.Checked);
        Assert.Equal(events[0].Hash, events[1].PreviousHash);
    }

    [Fact]
    public async Task A_follower_does_not_hold_up_the_master_stopping()
    {
        await using var master = await MasterWithEventsAsync(1);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var events = master.Client.FollowAuditAsync(ct: cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await events.MoveNextAsync());

        var stop = master.Server.StopAsync(cts.Token);
        var ended = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(20), cts.Token));

        Assert.Same(stop, ended);
    }

    private static async Task<TestMaster> MasterWithEventsAsync(int count)
    {
        var master = await TestMaster.StartAsync();
        for (var i = 0; i < count; i++)
        {
            await master.Client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g")));
        }
        Assert.True((await master.Client.VerifyAuditAsync()).Ok);
        return master;
    }

    private static async Task ExecuteAsync(TestMaster master, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(master.DataDir, "satama.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
