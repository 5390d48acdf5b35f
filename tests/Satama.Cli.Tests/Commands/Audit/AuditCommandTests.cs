using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Satama.Cli.Contexts;
using Satama.Client.Dtos;
using Satama.Master;
using Satama.Testing;

namespace Satama.Cli.Tests.Commands.Audit;

/// <summary>audit ls and verify against a real master (no Docker needed: nothing is scheduled).</summary>
public sealed class AuditCommandTests : IAsyncLifetime, IDisposable
{
    private readonly CliRun _cli = new();
    private readonly TempDirectory _data = new("satama-cli-audit-");
    private MasterServer? _master;

    private MasterServer Master => _master!;

    public async Task InitializeAsync()
    {
        _master = await MasterServer.StartAsync(new MasterOptions { DataDir = _data.Path, Listen = ["https://127.0.0.1:0"], MinimumLogLevel = LogLevel.Warning });
        // The context 'satama login' would write, without a round trip that could only add flakiness here.
        var config = new CliConfig { Current = "test" };
        config.Upsert(new CliContext { Name = "test", Url = Master.Url.ToString(), Token = Master.AdminToken, CaFingerprint = Master.CaFingerprint });
        new ConfigStore(_cli.ConfigPath).Save(config);
    }

    public async Task DisposeAsync()
    {
        if (_master is not null)
        {
            await _master.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _cli.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Audit_ls_shows_who_did_what_newest_last_and_filters_by_grid()
    {
        Assert.Equal(0, (await _cli.RunAsync("grid", "create", "alpha")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("grid", "create", "beta")).ExitCode);
        Assert.Equal(1, (await _cli.RunAsync("grid", "rm", "gamma")).ExitCode);

        var all = await _cli.RunAsync("audit", "ls");
        var beta = await _cli.RunAsync("audit", "ls", "--grid", "beta", "--output", "json");

        Assert.True(all.ExitCode == 0, all.ToString());
        var lines = all.OutLines.Where(l => l.Length > 0).ToList();
        Assert.Equal(["TIME", "ACTOR", "ACTION", "RESOURCE", "GRID", "SOURCE", "OUTCOME"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(4, lines.Count);
        Assert.Contains("grid.create", lines[1], StringComparison.Ordinal);
        Assert.Contains("alpha", lines[1], StringComparison.Ordinal);
        Assert.Contains("failure 404", lines[3], StringComparison.Ordinal);
        Assert.Contains("grid.delete", lines[3], StringComparison.Ordinal);
        Assert.Contains("\"action\": \"grid.create\"", beta.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("alpha", beta.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grid.create", "prod", "prod", "grid", "create", "prod")]
    [InlineData("service.create", "null/web", "prod", "service", "create", "web", "--image", "nginx", "--grid", "prod")]
    [InlineData("service.create", "shop/api", "prod", "service", "create", "shop/api", "--image", "nginx", "--grid", "prod")]
    [InlineData("service.scale", "null/web", "prod", "service", "scale", "web", "3", "--grid", "prod")]
    [InlineData("service.restart", "null/web", "prod", "service", "restart", "web", "--grid", "prod")]
    [InlineData("service.delete", "null/web", "prod", "service", "rm", "web", "--grid", "prod")]
    [InlineData("node.label", "node-1", "prod", "node", "label", "node-1", "a=b", "--grid", "prod")]
    [InlineData("node.delete", "node-1", "prod", "node", "rm", "node-1", "--grid", "prod")]
    [InlineData("container.exec", "prod.null.web-1", "prod", "container", "exec", "prod.null.web-1", "--grid", "prod", "--", "ls")]
    [InlineData("grid.delete", "staging", "staging", "grid", "rm", "staging")]
    public async Task Each_mutating_command_records_exactly_one_event(string action, string resource, string grid, params string[] args)
    {
        using var client = new Satama.Client.SatamaClient(Master.Url, Master.AdminToken, Master.CaFingerprint);
        if (args is not ["grid", "create", ..])
        {
            await client.CreateGridAsync(new GridCreateRequest("prod"));
            await client.CreateGridAsync(new GridCreateRequest("staging"));
            await client.CreateServiceAsync("prod", new ServiceCreateRequest("other", "nginx"));
            if (args is not ["service", "create", ..])
            {
                await client.CreateServiceAsync("prod", new ServiceCreateRequest("web", "nginx"));
            }
        }
        var before = (await client.ListAuditAsync()).Count;

        var result = await _cli.RunAsync(args);

        var events = (await client.ListAuditAsync()).Skip(before).ToList();
        Assert.True(events.Count == 1, $"{result}\n--- events\n{string.Join("\n", events)}");
        var e = events[0];
        Assert.Equal((action, resource, grid, "admin"), (e.Action, e.Resource, e.Grid, e.Actor));
    }

    [Fact]
    public async Task Audit_verify_passes_then_fails_with_exit_1_after_a_row_is_edited()
    {
        using (var client = new Satama.Client.SatamaClient(Master.Url, Master.AdminToken, Master.CaFingerprint))
        {
            await client.CreateGridAsync(new GridCreateRequest("one"));
            await client.CreateGridAsync(new GridCreateRequest("two"));
        }

        var intact = await _cli.RunAsync("audit", "verify");
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "satama.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET resource = 'three' WHERE id = 2";
            await command.ExecuteNonQueryAsync();
        }
        var tampered = await _cli.RunAsync("audit", "verify");
        var json = await _cli.RunAsync("audit", "verify", "--output", "json");

        Assert.Equal(0, intact.ExitCode);
        Assert.Equal("Audit trail intact: 2 events checked\n", intact.Out);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Equal(["error: audit trail tampered: event 2 was changed: its hash does not match its content (event 2; 1 events before it check out)"], tampered.ErrorLines);
        Assert.Equal(1, json.ExitCode);
        Assert.Contains("\"firstBadId\": 2", json.Out, StringComparison.Ordinal);
    }
}
