using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Protocol;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Lb;

/// <summary>The master derives the load balancer's routes and sends them to ingress nodes as the grid changes.</summary>
public sealed class LbFlowTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private const string Stack = """
        name: shop
        services:
          web:
            image: nginx
            instances: 2
            lb:
              hosts: [shop.example.com]
              port: 8080
          db:
            image: postgres
        """;

    private TestMaster Master => fixture.Master;

    private static readonly Dictionary<string, string> s_ingress = new() { ["ingress"] = "true" };

    private static StackFileRequest File(string text) => new("shop.yml", text);

    [Fact]
    public async Task An_ingress_node_gets_the_healthy_instances_and_follows_their_health()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await Online(grid, "edge", s_ingress);
        await Master.Client.InstallStackAsync(grid.Name, File(Stack));

        var empty = (await agent.NextAsync(m => m.Desired is { LbIngress: true, LbRoutes.Count: 1 }, "the web route")).Desired;
        Assert.Empty(empty.LbRoutes[0].Backends);
        Assert.Equal(("shop/web", "shop.example.com", "/"), (empty.LbRoutes[0].Id, empty.LbRoutes[0].Hosts.Single(), empty.LbRoutes[0].Path));

        await agent.SendAsync(Report(grid.Name, ("web", 1, "healthy", "172.17.0.5"), ("web", 2, "starting", "172.17.0.6"), ("db", 1, "healthy", "172.17.0.7")));
        var one = (await agent.NextAsync(m => m.Desired?.LbRoutes.FirstOrDefault()?.Backends.Count == 1, "one backend")).Desired;
        Assert.Equal("172.17.0.5:8080", one.LbRoutes[0].Backends[0].Address);

        await agent.SendAsync(Report(grid.Name, ("web", 1, "unhealthy", "172.17.0.5"), ("web", 2, "healthy", "172.17.0.6")));
        var swapped = (await agent.NextAsync(m => m.Desired?.LbRoutes.FirstOrDefault()?.Backends.FirstOrDefault()?.Address == "172.17.0.6:8080", "web-2 only")).Desired;
        Assert.Single(swapped.LbRoutes[0].Backends);
    }

    [Fact]
    public async Task A_node_without_the_ingress_label_gets_no_routes()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await Online(grid, "worker", null);
        await Master.Client.InstallStackAsync(grid.Name, File(Stack));

        var set = (await agent.NextAsync(m => m.Desired?.Containers.Count == 3, "three containers")).Desired;

        Assert.False(set.LbIngress);
        Assert.Empty(set.LbRoutes);
    }

    [Fact]
    public async Task A_tls_route_carries_its_certificate_and_a_missing_secret_says_so()
    {
        var grid = await Master.NewGridAsync();
        await Master.Client.WriteSecretAsync(grid.Name, "shop-cert", "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n");
        await using var agent = await Online(grid, "edge", s_ingress);

        await Master.Client.InstallStackAsync(grid.Name, File(Stack.Replace("port: 8080", "port: 8080\n      tls: {secret: shop-cert}", StringComparison.Ordinal)));

        var set = (await agent.NextAsync(m => m.Desired?.LbCertificates.Count == 1, "the certificate")).Desired;
        Assert.Equal(("shop-cert", ""), (set.LbCertificates[0].Secret, set.LbCertificates[0].Error));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", set.LbCertificates[0].Pem, StringComparison.Ordinal);
        Assert.Equal("shop-cert", set.LbRoutes[0].TlsSecret);

        await Master.Client.DeleteSecretAsync(grid.Name, "shop-cert");
        var missing = (await agent.NextAsync(m => m.Desired?.LbCertificates.FirstOrDefault()?.Error.Length > 0, "the missing secret")).Desired;
        Assert.Equal("vault secret 'shop-cert' does not exist", missing.LbCertificates[0].Error);
    }

    [Fact]
    public async Task Changing_only_lb_updates_the_routes_and_keeps_the_revision()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await Online(grid, "edge", s_ingress);
        await Master.Client.InstallStackAsync(grid.Name, File(Stack));
        await agent.NextAsync(m => m.Desired?.LbRoutes.Count == 1, "the web route");

        var result = await Master.Client.UpgradeStackAsync(grid.Name, "shop", File(Stack.Replace("shop.example.com", "www.example.com", StringComparison.Ordinal)));

        Assert.Equal(["lb"], result.Changes.Single(c => c.Service == "web").Fields);
        await agent.NextAsync(m => m.Desired?.LbRoutes.FirstOrDefault()?.Hosts.FirstOrDefault() == "www.example.com", "the new host");
        Assert.Equal(1, (await Master.Client.GetServiceAsync(grid.Name, "shop", "web")).Revision);
    }

    [Fact]
    public async Task Lb_routes_lists_ingress_nodes_with_what_their_load_balancer_reported()
    {
        var grid = await Master.NewGridAsync();
        await using var edge = await Online(grid, "edge", s_ingress);
        await using var worker = await Online(grid, "worker", null);
        await Master.Client.InstallStackAsync(grid.Name, File(Stack));
        var report = Report(grid.Name, ("web", 1, "healthy", "172.17.0.5"));
        var status = new LbStatus { Running = true };
        status.Endpoints.Add("http://0.0.0.0:80");
        var route = new LbRouteStatus { Id = "shop/web", Requests = 7, Errors = 1 };
        route.Backends.Add(new LbBackendStatus { Container = "c1", Address = "172.17.0.5:8080", PassiveHealthy = false });
        status.Routes.Add(route);
        report.Report.LbStatus = status;

        await edge.SendAsync(report);

        var routes = await Eventually.ValueAsync(() => Master.Client.GetLbRoutesAsync(grid.Name), r => r.Nodes.Single().Reported, "the reported status");
        var node = routes.Nodes.Single();
        Assert.Equal(("edge", true, true), (node.Node, node.Online, node.Running));
        Assert.Equal(["http://0.0.0.0:80"], node.Endpoints);
        var web = node.Routes.Single();
        Assert.Equal((7L, 1L), (web.Requests, web.Errors));
        Assert.Equal(new LbBackendDto("c1", "172.17.0.5:8080", false), web.Backends.Single());
        Assert.Equal("edge", (await Master.Client.GetLbRoutesAsync(grid.Name, "edge")).Nodes.Single().Node);
    }

    [Fact]
    public async Task Lb_routes_of_an_unknown_or_non_ingress_node_or_grid_is_a_clear_error()
    {
        var grid = await Master.NewGridAsync();
        await using var worker = await Online(grid, "worker", null);

        var unknown = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.GetLbRoutesAsync(grid.Name, "nope"));
        var notIngress = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.GetLbRoutesAsync(grid.Name, "worker"));
        var noGrid = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.GetLbRoutesAsync("no-such-grid"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("node 'nope' not found", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, notIngress.Status);
        Assert.Contains("ingress=true", notIngress.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noGrid.Status);
        Assert.Empty((await Master.Client.GetLbRoutesAsync(grid.Name)).Nodes);
    }

    private async Task<TestAgent> Online(GridDetailsDto grid, string node, Dictionary<string, string>? labels)
    {
        var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, node, labels: labels);
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);
        await Eventually.UntilAsync(async () => (await Master.Client.GetNodeAsync(grid.Name, node)).Online, $"{node} online");
        return agent;
    }

    private static AgentMessage Report(string grid, params (string Service, int Instance, string Health, string Ip)[] containers)
    {
        var report = new ContainerReport { DesiredVersion = 1 };
        report.Containers.AddRange(containers.Select(c => new ContainerState
        {
            Name = Core.Model.InstanceNames.Container(grid, "shop", c.Service, c.Instance, 1),
            ContainerId = "id" + c.Instance,
            Grid = grid,
            Stack = "shop",
            Service = c.Service,
            Instance = c.Instance,
            Revision = 1,
            Image = "nginx",
            State = "running",
            Health = c.Health,
            IpAddress = c.Ip,
            StartedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        }));
        return new AgentMessage { Report = report };
    }
}
