using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.AgentLink;

/// <summary>Scheduler behaviour seen from agents: what each node is told to run as services and nodes change.</summary>
public sealed class PlacementFlowTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task Instances_spread_over_two_nodes_and_each_agent_gets_only_its_own()
    {
        var grid = await Master.NewGridAsync();
        await using var a = await Online(grid, "node-a");
        await using var b = await Online(grid, "node-b");

        await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 4));

        var onA = (await a.NextAsync(m => m.Desired?.Containers.Count == 2, "two on node-a")).Desired;
        var onB = (await b.NextAsync(m => m.Desired?.Containers.Count == 2, "two on node-b")).Desired;
        Assert.Equal([1, 3], onA.Containers.Select(c => c.Instance));
        Assert.Equal([2, 4], onB.Containers.Select(c => c.Instance));
    }

    [Fact]
    public async Task Scaling_down_and_removing_a_service_empty_the_desired_set()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await Online(grid, "node-1");
        await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 3));
        await agent.NextAsync(m => m.Desired?.Containers.Count == 3, "three containers");

        await Master.Client.ScaleServiceAsync(grid.Name, "null", "web", 1);
        var scaled = (await agent.NextAsync(m => m.Desired?.Containers.Count == 1, "one container")).Desired;
        await Master.Client.DeleteServiceAsync(grid.Name, "null", "web");
        await agent.NextAsync(m => m.Desired is { Containers.Count: 0 }, "an empty set");

        Assert.Equal(1, Assert.Single(scaled.Containers).Instance);
    }

    [Fact]
    public async Task A_host_port_held_by_one_service_leaves_another_pending_with_the_reason()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await Online(grid, "node-1");
        await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("api", "nginx", 1, Ports: [new PortDto(8080, 80)]));

        var web = await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1, Ports: [new PortDto(8080, 8080)]));

        Assert.Equal("pending", Assert.Single(web.InstanceList).State);
        Assert.Equal(["web-1: 1 node has host port 8080/tcp taken"], web.Problems);
        await Master.Client.DeleteServiceAsync(grid.Name, "null", "api");
        var placed = await Eventually.ValueAsync(() => Master.Client.GetServiceAsync(grid.Name, "null", "web"), s => s.Problems.Count == 0,
            "web placed once api is gone", describe: s => string.Join("; ", s.Problems));
        Assert.Equal("node-1", placed.InstanceList[0].Node);
    }

    [Fact]
    public async Task Instances_wait_for_a_node_and_are_placed_when_one_comes_online()
    {
        var grid = await Master.NewGridAsync();
        var pending = await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 2));

        await using var agent = await Online(grid, "node-1");

        Assert.All(pending.InstanceList, i => Assert.Equal("pending", i.State));
        await agent.NextAsync(m => m.Desired?.Containers.Count == 2, "both instances");
        var service = await Master.Client.GetServiceAsync(grid.Name, "null", "web");
        Assert.All(service.InstanceList, i => Assert.Equal("node-1", i.Node));
        Assert.Empty(service.Problems);
    }

    [Fact]
    public async Task Instances_stay_on_an_offline_node_and_move_when_the_node_is_removed()
    {
        var grid = await Master.NewGridAsync();
        var a = await Online(grid, "node-a");
        await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));
        await a.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1 on node-a");
        await using var b = await Online(grid, "node-b");

        await a.DisposeAsync();
        await Eventually.UntilAsync(async () => !(await Master.Client.GetNodeAsync(grid.Name, "node-a")).Online, "node-a offline");
        var stranded = await Master.Client.GetServiceAsync(grid.Name, "null", "web");
        Assert.Equal("node-a", stranded.InstanceList[0].Node);
        Assert.Equal(["web-1: node node-a is offline; its state is the last one reported"], stranded.Problems);
        await Master.Client.DeleteNodeAsync(grid.Name, "node-a");

        await b.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1 on node-b");
        var moved = await Master.Client.GetServiceAsync(grid.Name, "null", "web");
        Assert.Equal("node-b", moved.InstanceList[0].Node);
        Assert.Empty(moved.Problems);
    }

    private async Task<TestAgent> Online(GridDetailsDto grid, string node)
    {
        var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, node);
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);
        await Eventually.UntilAsync(async () => (await Master.Client.GetNodeAsync(grid.Name, node)).Online, $"{node} online");
        return agent;
    }
}
