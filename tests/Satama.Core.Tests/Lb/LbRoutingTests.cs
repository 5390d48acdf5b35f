using Satama.Core.Lb;
using Satama.Core.Model;

namespace Satama.Core.Tests.Lb;

public sealed class LbRoutingTests
{
    /// <summary>A service of <paramref name="instances"/> whose instances all serve but <paramref name="notServing"/>.</summary>
    private static LbServiceInput Service(string name, LbSpec? lb, string[]? notServing = null, int instances = 10) =>
        new(new ServiceSpec { Grid = "g", Stack = "shop", Name = name, Image = "web", Lb = lb, Instances = instances },
            Enumerable.Range(1, instances).Select(n => $"g.shop.{name}-{n}").Except(notServing ?? []).ToHashSet());

    private static LbInstance Instance(string service, int n, string state = "running", string? health = "healthy", string? ip = null) =>
        new($"g.shop.{service}-{n}", "shop", service, n, state, health, ip ?? $"10.0.0.{n}", "n1");

    [Fact]
    public void Only_running_healthy_instances_with_an_address_are_backends()
    {
        var table = LbRouting.Derive(
            [Service("web", new LbSpec { Port = 8080 })],
            [Instance("web", 1), Instance("web", 2, health: "starting"), Instance("web", 3, state: "exited"), Instance("web", 4, health: "unhealthy"),
             Instance("web", 5, ip: ""), Instance("web", 6, health: "none"), Instance("web", 7)]);

        var route = Assert.Single(table.Routes);
        Assert.Equal(["g.shop.web-1", "g.shop.web-7"], route.Backends.Select(b => b.Container));
        Assert.Equal(["10.0.0.1:8080", "10.0.0.7:8080"], route.Backends.Select(b => b.Address));
        Assert.Empty(table.Problems);
    }

    [Fact]
    public void Instances_outside_the_serving_set_leave_the_route_though_their_node_reports_them_healthy()
    {
        var table = LbRouting.Derive([Service("web", new LbSpec(), notServing: ["g.shop.web-2"])], [Instance("web", 1), Instance("web", 2)]);

        Assert.Equal(["g.shop.web-1"], table.Routes.Single().Backends.Select(b => b.Container));
    }

    [Fact]
    public void Instances_beyond_the_wanted_count_leave_the_route_when_the_service_is_scaled_down()
    {
        var table = LbRouting.Derive([Service("web", new LbSpec(), instances: 2)], [Instance("web", 1), Instance("web", 2), Instance("web", 3)]);

        Assert.Equal(["g.shop.web-1", "g.shop.web-2"], table.Routes.Single().Backends.Select(b => b.Container));
    }

    [Fact]
    public void Services_without_lb_get_no_route_and_a_service_without_instances_keeps_an_empty_one()
    {
        var table = LbRouting.Derive([Service("db", null), Service("web", new LbSpec())], [Instance("db", 1)]);

        var route = Assert.Single(table.Routes);
        Assert.Equal("shop/web", route.Id);
        Assert.Empty(route.Backends);
    }

    [Fact]
    public void Instances_of_other_services_are_not_mixed_in()
    {
        var table = LbRouting.Derive([Service("web", new LbSpec()), Service("api", new LbSpec { Path = "/api" })],
            [Instance("web", 1), Instance("api", 2)]);

        Assert.Equal(["g.shop.api-2"], table.Routes.Single(r => r.Id == "shop/api").Backends.Select(b => b.Container));
        Assert.Equal(["g.shop.web-1"], table.Routes.Single(r => r.Id == "shop/web").Backends.Select(b => b.Container));
    }

    [Fact]
    public void Routes_are_ordered_longest_path_first_then_host_specific()
    {
        var table = LbRouting.Derive(
            [Service("a", new LbSpec()), Service("b", new LbSpec { Path = "/api/v2" }), Service("c", new LbSpec { Hosts = ["x.example.com"] }), Service("d", new LbSpec { Path = "/api" })],
            []);

        Assert.Equal(["shop/b", "shop/d", "shop/c", "shop/a"], table.Routes.Select(r => r.Id));
    }

    [Fact]
    public void A_second_claim_on_the_same_host_and_path_is_left_out_with_a_problem()
    {
        var table = LbRouting.Derive(
            [Service("b", new LbSpec { Hosts = ["x.example.com", "y.example.com"] }), Service("a", new LbSpec { Hosts = ["y.example.com"] })], []);

        Assert.Equal(["shop/a"], table.Routes.Select(r => r.Id));
        Assert.Equal("shop/b: y.example.com/ is already routed to shop/a; this route is left out", Assert.Single(table.Problems));
    }

    [Fact]
    public void Lb_settings_are_carried_and_ipv6_addresses_are_bracketed()
    {
        var lb = new LbSpec { Hosts = ["a.example.com"], Path = "/p", StripPath = true, Sticky = true, TlsSecret = "cert", RedirectHttps = true, Port = 81 };

        var route = LbRouting.Derive([Service("web", lb)], [Instance("web", 1, ip: "fd00::5")]).Routes.Single();

        Assert.Equal(["a.example.com"], route.Hosts);
        Assert.Equal(("/p", true, true, "cert", true), (route.Path, route.StripPath, route.Sticky, route.TlsSecret, route.RedirectHttps));
        Assert.Equal("[fd00::5]:81", route.Backends.Single().Address);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    public void Ingress_nodes_are_labelled_ingress_true(string value, bool ingress)
    {
        Assert.Equal(ingress, LbRouting.IsIngress(new Dictionary<string, string> { ["ingress"] = value }));
        Assert.False(LbRouting.IsIngress(new Dictionary<string, string>()));
    }

    [Fact]
    public void Derivation_is_deterministic_whatever_the_input_order()
    {
        LbServiceInput[] services = [Service("web", new LbSpec()), Service("api", new LbSpec { Path = "/api" })];
        LbInstance[] instances = [Instance("web", 2), Instance("web", 1), Instance("api", 3)];

        var a = LbRouting.Derive(services, instances);
        var b = LbRouting.Derive(services.Reverse(), instances.Reverse());

        Assert.Equal(a.Routes.Select(r => (r.Id, string.Join(",", r.Backends))), b.Routes.Select(r => (r.Id, string.Join(",", r.Backends))));
    }
}
