using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.AgentLink;

/// <summary>
/// Offline nodes past the grace period, seen from agents: stateless instances move to a node that is online,
/// and the node that comes back is told to run nothing of what moved (its stale containers go). The grace period
/// is the grid's (grid create --grace-period), not the master's.
/// </summary>
public sealed class ReschedulingFlowTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("satama-master-");
    private MasterServer _server = null!;
    private SatamaClient _client = null!;

    public async Task InitializeAsync()
    {
        // The master's own grace period is long: only the grids' own (1 s) can move instances in time.
        _server = await MasterServer.StartAsync(TestMaster.Options(_dir.Path) with { OfflineGracePeriod = TimeSpan.FromMinutes(10) });
        _client = new SatamaClient(_server.Url, _server.AdminToken, _server.CaFingerprint);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Instances_move_off_a_node_offline_past_the_grace_period_and_it_comes_back_empty()
    {
        var grid = await _client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g"), GracePeriodSeconds: 1));
        Assert.Equal(1, grid.GracePeriodSeconds);
        var a = await Online(grid, "node-a");
        await _client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));
        await a.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1 on node-a");
        await using var b = await Online(grid, "node-b");

        await a.DisposeAsync();

        await b.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1 moved to node-b", TimeSpan.FromSeconds(60));
        var moved = await _client.GetServiceAsync(grid.Name, "null", "web");
        Assert.Equal("node-b", moved.InstanceList[0].Node);
        Assert.Empty(moved.Problems);
        await using var back = await Online(grid, "node-a");
        var desired = (await back.NextAsync(m => m.Desired is not null, "node-a's desired set")).Desired;
        Assert.Empty(desired.Containers);
    }

    [Fact]
    public async Task A_grid_without_its_own_grace_period_shows_the_masters_and_a_bad_one_is_refused()
    {
        var plain = await _client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g")));
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => _client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g"), GracePeriodSeconds: 0)));

        Assert.Equal(600, plain.GracePeriodSeconds);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("grace period must be from 1 to 86400 seconds, not 0", error.Detail);
    }

    private async Task<TestAgent> Online(GridDetailsDto grid, string node)
    {
        var agent = await TestAgent.ConnectAsync(_server, grid.Token, node);
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);
        await Eventually.UntilAsync(async () => (await _client.GetNodeAsync(grid.Name, node)).Online, $"{node} online");
        return agent;
    }
}
