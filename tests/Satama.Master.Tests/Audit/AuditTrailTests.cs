using System.Net;
using System.Text;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;

namespace Satama.Master.Tests.Audit;

public sealed class AuditTrailTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    private SatamaClient Client => fixture.Master.Client;

    [Fact]
    public async Task Creating_a_grid_records_one_event_with_actor_action_resource_grid_source_and_outcome()
    {
        var before = await NewestIdAsync();
        var name = UniqueNames.Next("g");

        await Client.CreateGridAsync(new GridCreateRequest(name));

        var e = Assert.Single(await EventsAfterAsync(before));
        Assert.Equal("admin", e.Actor);
        Assert.Equal("grid.create", e.Action);
        Assert.Equal(name, e.Resource);
        Assert.Equal(name, e.Grid);
        Assert.Equal("127.0.0.1", e.Source);
        Assert.Equal("success", e.Outcome);
        Assert.Equal(201, e.Status);
        Assert.Equal(64, e.Hash.Length);
    }

    [Fact]
    public async Task Each_service_command_records_exactly_one_event_naming_the_service()
    {
        var grid = (await Master.NewGridAsync()).Name;
        var before = await NewestIdAsync();

        await Client.CreateServiceAsync(grid, new ServiceCreateRequest("web", "nginx"));
        await Client.ScaleServiceAsync(grid, "null", "web", 3);
        await Client.RestartServiceAsync(grid, "null", "web");
        await Client.DeleteServiceAsync(grid, "null", "web");

        var events = await EventsAfterAsync(before);
        Assert.Equal(["service.create", "service.scale", "service.restart", "service.delete"], events.Select(e => e.Action));
        Assert.All(events, e =>
        {
            Assert.Equal("null/web", e.Resource);
            Assert.Equal(grid, e.Grid);
            Assert.Equal("success", e.Outcome);
            Assert.Equal("admin", e.Actor);
        });
        Assert.Equal([201, 200, 200, 204], events.Select(e => e.Status));
    }

    [Fact]
    public async Task Grid_removal_node_label_and_exec_are_recorded_with_their_outcome()
    {
        var grid = (await Master.NewGridAsync()).Name;
        var before = await NewestIdAsync();

        await Assert.ThrowsAsync<SatamaApiException>(() => Client.LabelNodeAsync(grid, "ghost", new NodeLabelsRequest(new Dictionary<string, string> { ["a"] = "b" }, null)));
        await Assert.ThrowsAsync<SatamaApiException>(() => Client.ExecAsync(grid, "ghost-1", new ExecRequest(["ls"], 10)));
        await Client.DeleteGridAsync(grid);

        var events = await EventsAfterAsync(before);
        Assert.Equal(["node.label", "container.exec", "grid.delete"], events.Select(e => e.Action));
        Assert.Equal(["ghost", "ghost-1", grid], events.Select(e => e.Resource));
        Assert.Equal([("failure", 404), ("failure", 404), ("success", 204)], events.Select(e => (e.Outcome, e.Status)));
    }

    [Fact]
    public async Task A_client_mistake_is_recorded_as_a_failure_with_its_4xx_status()
    {
        var grid = (await Master.NewGridAsync()).Name;
        var before = await NewestIdAsync();

        await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateGridAsync(new GridCreateRequest("Bad_Name")));
        await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid, new ServiceCreateRequest("web", "UPPER::bad")));
        await Assert.ThrowsAsync<SatamaApiException>(() => Client.ScaleServiceAsync(grid, "null", "nothing", 2));

        var events = await EventsAfterAsync(before);
        Assert.Equal([("grid.create", 400), ("service.create", 400), ("service.scale", 404)], events.Select(e => (e.Action, e.Status)));
        Assert.All(events, e => Assert.Equal("failure", e.Outcome));
        Assert.Equal(grid, events[1].Grid);
        Assert.Equal("null/nothing", events[2].Resource);
    }

    [Fact]
    public async Task Malformed_bodies_and_unauthenticated_mutations_are_recorded_as_failures()
    {
        var before = await NewestIdAsync();
        using var http = Http(Master.Server.AdminToken);
        using var stranger = Master.ClientWithToken("not-a-token");

        using var malformed = await http.PostAsync("v1/grids", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        await Assert.ThrowsAsync<SatamaApiException>(() => stranger.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g"))));

        var events = await EventsAfterAsync(before);
        Assert.Equal([("grid.create", "admin", 400), ("grid.create", "anonymous", 401)], events.Select(e => (e.Action, e.Actor, e.Status)));
    }

    [Fact]
    public async Task Reads_record_nothing()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Client.CreateServiceAsync(grid, new ServiceCreateRequest("web", "nginx"));
        var before = await NewestIdAsync();

        await Client.ListGridsAsync();
        await Client.GetGridAsync(grid);
        await Client.ListServicesAsync(grid);
        await Client.GetServiceAsync(grid, "null", "web");
        await Client.ListNodesAsync(grid);
        await Client.ListContainersAsync(grid);
        await Client.InfoAsync();
        await Client.ListAuditAsync();
        await Client.VerifyAuditAsync();
        await Assert.ThrowsAsync<SatamaApiException>(() => Client.GetGridAsync("missing-grid"));

        Assert.Empty(await EventsAfterAsync(before));
    }

    [Fact]
    public async Task Secret_looking_body_values_never_reach_the_trail_or_its_table()
    {
        var grid = (await Master.NewGridAsync()).Name;
        const string Secret = "hunter2-s3cr3t-value-7f3a";
        using var http = Http(Master.Server.AdminToken);

        await Client.CreateServiceAsync(grid, new ServiceCreateRequest("db", "postgres", Env: new Dictionary<string, string> { ["PASSWORD"] = Secret }));
        await Assert.ThrowsAsync<SatamaApiException>(() => Client.ExecAsync(grid, "db-1", new ExecRequest(["sh", "-c", $"echo {Secret}"], 5)));
        using var bad = await http.PostAsync($"v1/grids/{grid}/services",
            new StringContent($"{{\"name\":\"x\",\"image\":\"nginx\",\"token\":\"{Secret}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var trail = System.Text.Json.JsonSerializer.Serialize(await Client.ListAuditAsync(new AuditQuery(Limit: 10_000)));
        Assert.DoesNotContain(Secret, trail, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await AuditTableDumpAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trail_filters_by_grid_actor_and_time_newest_last()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Client.CreateServiceAsync(grid, new ServiceCreateRequest("a", "nginx"));
        await Client.CreateServiceAsync(grid, new ServiceCreateRequest("b", "nginx"));
        var future = DateTimeOffset.UtcNow.AddHours(1);

        var byGrid = await Client.ListAuditAsync(new AuditQuery(Grid: grid));
        var lastOne = await Client.ListAuditAsync(new AuditQuery(Grid: grid, Limit: 1));
        var nobody = await Client.ListAuditAsync(new AuditQuery(Actor: "nobody"));
        var later = await Client.ListAuditAsync(new AuditQuery(Since: future));

        Assert.Equal(["grid.create", "service.create", "service.create"], byGrid.Select(e => e.Action));
        Assert.Equal("null/b", Assert.Single(lastOne).Resource);
        Assert.Empty(nobody);
        Assert.Empty(later);
        Assert.True(byGrid.Zip(byGrid.Skip(1)).All(p => p.First.Id < p.Second.Id));
    }

    [Fact]
    public async Task Bad_filters_are_bad_requests()
    {
        using var http = Http(Master.Server.AdminToken);

        using var since = await http.GetAsync("v1/audit?since=yesterday-ish");
        using var limit = await http.GetAsync("v1/audit?limit=0");
        using var grid = await http.GetAsync("v1/audit?grid=../etc");

        Assert.Equal(HttpStatusCode.BadRequest, since.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, limit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, grid.StatusCode);
        Assert.Contains("since 'yesterday-ish'", await since.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Following_the_trail_delivers_history_then_new_events_as_they_happen()
    {
        var grid = (await Master.NewGridAsync()).Name;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<AuditEventDto>();
        await using var events = Client.FollowAuditAsync(new AuditQuery(Grid: grid), cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await events.MoveNextAsync());
        seen.Add(events.Current);
        await Client.CreateServiceAsync(grid, new ServiceCreateRequest("web", "nginx"));
        Assert.True(await events.MoveNextAsync());
        seen.Add(events.Current);

        Assert.Equal(["grid.create", "service.create"], seen.Select(e => e.Action));
        Assert.Equal("null/web", seen[1].Resource);
    }

    [Fact]
    public async Task An_untouched_trail_verifies()
    {
        await Master.NewGridAsync();

        var result = await Client.VerifyAuditAsync();

        Assert.True(result.Ok, result.Reason);
        Assert.True(result.Checked >= 1);
        Assert.Null(result.FirstBadId);
    }

    private async Task<long> NewestIdAsync() => await Client.ListAuditAsync(new AuditQuery(Limit: 1)) is [.., var last] ? last.Id : 0;

    private async Task<List<AuditEventDto>> EventsAfterAsync(long id) =>
        [.. (await Client.ListAuditAsync(new AuditQuery(Limit: 10_000))).Where(e => e.Id > id)];

    private async Task<string> AuditTableDumpAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Master.DataDir, "satama.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT actor || action || resource || grid || source || outcome FROM audit_events";
        await using var reader = await command.ExecuteReaderAsync();
        var all = new StringBuilder();
        while (await reader.ReadAsync())
        {
            all.AppendLine(reader.GetString(0));
        }
        return all.ToString();
    }

    private HttpClient Http(string token) => Master.RawHttp(token);
}
