using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Protocol;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Overlay;

public sealed class OverlayLinkTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    private static Task<TestAgent> JoinAsync(TestMaster master, string token, string node, string key, string address = "127.0.0.1") =>
        TestAgent.ConnectAsync(master.Server, token, node, info: info =>
        {
            info.OverlayPublicKey = key;
            info.OverlayPort = 51820;
            info.Address = address;
        });

    private static async Task<OverlayConfig> ConfigAsync(TestAgent agent, Func<OverlayConfig, bool> match, string what) =>
        (await agent.NextAsync(m => m.BodyCase == Body.OverlayConfig && match(m.OverlayConfig), what)).OverlayConfig;

    [Fact]
    public async Task Each_node_gets_its_own_24_and_the_other_nodes_as_peers()
    {
        var grid = await Master.NewGridAsync();
        await using var a = await JoinAsync(Master, grid.Token, "node-a", "a-key", "100.77.0.1");
        a.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        var first = await ConfigAsync(a, _ => true, "node-a's overlay");
        Assert.Equal("10.90.0.0/16", first.GridSubnet);
        Assert.Equal("10.90.0.0/24", first.NodeSubnet);
        Assert.Empty(first.Peers);

        await using var b = await JoinAsync(Master, grid.Token, "node-b", "b-key", "100.77.0.2");
        b.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        var ofB = await ConfigAsync(b, _ => true, "node-b's overlay");
        Assert.Equal("10.90.1.0/24", ofB.NodeSubnet);
        var peerA = Assert.Single(ofB.Peers);
        Assert.Equal(("node-a", "a-key", "100.77.0.1:51820", "10.90.0.0/24"), (peerA.Node, peerA.PublicKey, peerA.Endpoint, peerA.Subnet));

        var ofA = await ConfigAsync(a, c => c.Peers.Count == 1, "node-a's overlay with node-b as a peer");
        Assert.Equal(("node-b", "b-key", "100.77.0.2:51820", "10.90.1.0/24"), (ofA.Peers[0].Node, ofA.Peers[0].PublicKey, ofA.Peers[0].Endpoint, ofA.Peers[0].Subnet));
    }

    [Fact]
    public async Task The_grid_subnet_is_the_one_given_at_create()
    {
        var grid = await Master.Client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g"), "10.44.0.0/20"));
        await using var a = await JoinAsync(Master, grid.Token, "node-a", "a-key");
        a.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        var config = await ConfigAsync(a, _ => true, "the overlay");
        Assert.Equal(("10.44.0.0/20", "10.44.0.0/24"), (config.GridSubnet, config.NodeSubnet));
    }

    [Fact]
    public async Task A_node_keeps_its_subnet_across_reconnects_and_a_removed_nodes_subnet_is_reused()
    {
        var grid = await Master.NewGridAsync();
        await using (var a = await JoinAsync(Master, grid.Token, "node-a", "a-key"))
        {
            a.StartHeartbeats(TimeSpan.FromMilliseconds(200));
            await ConfigAsync(a, _ => true, "node-a's overlay");
        }
        await using var b = await JoinAsync(Master, grid.Token, "node-b", "b-key");
        b.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        Assert.Equal("10.90.1.0/24", (await ConfigAsync(b, _ => true, "node-b's overlay")).NodeSubnet);
        await using (var again = await JoinAsync(Master, grid.Token, "node-a", "a-key"))
        {
            again.StartHeartbeats(TimeSpan.FromMilliseconds(200));
            Assert.Equal("10.90.0.0/24", (await ConfigAsync(again, _ => true, "node-a's overlay again")).NodeSubnet);
        }

        await Eventually.UntilAsync(async () => !(await Master.Client.GetNodeAsync(grid.Name, "node-a")).Online, "node-a offline");
        await Master.Client.DeleteNodeAsync(grid.Name, "node-a");
        await ConfigAsync(b, c => c.Peers.Count == 0, "node-b's overlay without the removed node-a");

        await using var c = await JoinAsync(Master, grid.Token, "node-c", "c-key");
        c.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        Assert.Equal("10.90.0.0/24", (await ConfigAsync(c, _ => true, "node-c's overlay")).NodeSubnet);
    }

    [Fact]
    public async Task Dns_records_list_running_healthy_instances_and_follow_health()
    {
        var grid = await Master.NewGridAsync();
        await Master.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "busybox", 2, Stack: "shop"));
        await using var a = await JoinAsync(Master, grid.Token, "node-a", "a-key");
        a.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        var empty = (await a.NextAsync(Body.DnsRecords)).DnsRecords;
        Assert.Equal(grid.Name, empty.Grid);
        Assert.Contains(empty.Services, s => s.Stack == "shop" && s.Service == "web");

        await a.SendAsync(Report(grid.Name, ("web", 1, "healthy", "10.90.0.2"), ("web", 2, "starting", "10.90.0.3")));
        var records = (await a.NextAsync(m => m.BodyCase == Body.DnsRecords && m.DnsRecords.Instances.Count > 0, "records with an instance")).DnsRecords;
        var only = Assert.Single(records.Instances);
        Assert.Equal(("shop", "web", "web-1", "10.90.0.2"), (only.Stack, only.Service, only.Instance, only.Address));

        await a.SendAsync(Report(grid.Name, ("web", 1, "unhealthy", "10.90.0.2"), ("web", 2, "healthy", "10.90.0.3")));
        records = (await a.NextAsync(m => m.BodyCase == Body.DnsRecords && m.DnsRecords.Instances.Any(i => i.Instance == "web-2"), "records with web-2")).DnsRecords;
        Assert.Equal(["web-2"], records.Instances.Select(i => i.Instance));
    }

    [Fact]
    public async Task An_agent_without_a_key_still_gets_its_subnet_but_is_no_peer()
    {
        var grid = await Master.NewGridAsync();
        await using var a = await JoinAsync(Master, grid.Token, "node-a", "a-key");
        a.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await using var plain = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-b");
        plain.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        Assert.Equal("10.90.1.0/24", (await ConfigAsync(plain, _ => true, "node-b's overlay")).NodeSubnet);
        var ofA = await ConfigAsync(a, _ => true, "node-a's overlay");
        Assert.Empty(ofA.Peers);
    }

    private static AgentMessage Report(string grid, params (string Service, int Instance, string Health, string Ip)[] containers)
    {
        var report = new ContainerReport { DesiredVersion = 1 };
        foreach (var c in containers)
        {
            report.Containers.Add(new ContainerState
            {
                Name = Core.Model.InstanceNames.Container(grid, "shop", c.Service, c.Instance, 1),
                Grid = grid,
                Stack = "shop",
                Service = c.Service,
                Instance = c.Instance,
                Revision = 1,
                Image = "busybox",
                State = "running",
                Health = c.Health,
                IpAddress = c.Ip,
            });
        }
        return new AgentMessage { Report = report };
    }
}
