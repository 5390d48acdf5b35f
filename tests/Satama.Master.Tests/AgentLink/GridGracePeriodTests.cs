using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.AgentLink;

/// <summary>A grid's own grace period (grid create --grace-period) overrides the master's.</summary>
public sealed class GridGracePeriodTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("satama-master-");
    private MasterServer _server = null!;
    private SatamaClient _client = null!;

    public async Task InitializeAsync()
    {
        // The master's own default stays long: only the grid's setting can move the instance in time.
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
    public async Task Instances_move_after_the_grids_grace_period_not_the_masters()
    {
        var grid = await _client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g"), GracePeriodSeconds: 1));
        Assert.Equal(1, grid.GracePeriodSeconds);
        var a = await OnlineAsync(grid, "node-a");
        await _client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));
        await a.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1 on node-a");
        await using var b = await OnlineAsync(grid, "node-b");

        await a.DisposeAsync();

        await b.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1 moved to node-b", TimeSpan.FromSeconds(60));
        Assert.Equal("node-b", (await _client.GetServiceAsync(grid.Name, "null", "web")).InstanceList[0].Node);
    }

    [Fact]
    public async Task A_grid_without_its_own_shows_the_masters_and_a_bad_one_is_refused()
    {
        var plain = await _client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g")));
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => _client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g"), GracePeriodSeconds: 0)));

        Assert.Equal(600, plain.GracePeriodSeconds);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("grace period must be from 1 to 86400 seconds, not 0", error.Detail);
    }

    private async Task<TestAgent> OnlineAsync(GridDetailsDto grid, string node)
    {
        var agent = await TestAgent.ConnectAsync(_server, grid.Token, node);
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);
        await Eventually.UntilAsync(async () => (await _client.GetNodeAsync(grid.Name, node)).Online, $"{node} online");
        return agent;
    }
}
