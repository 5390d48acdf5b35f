using System.Security.Cryptography;
using System.Text;
using Satama.Agent.Lb;
using Satama.Agent.Lb.Http1;

namespace Satama.Agent.Tests.Lb.Http1;

/// <summary>The plain-HTTP proxy's routing table: matching routes and picking instances.</summary>
public sealed class ProxyRoutesTests
{
    private const long Now = 1_000_000;

    private static Protocol.LbRoute Route(string id, string path = "/", string[]? hosts = null, params string[] addresses)
    {
        var route = new Protocol.LbRoute { Id = id, Path = path };
        route.Hosts.AddRange(hosts ?? []);
        route.Backends.AddRange(addresses.Select((a, i) => new Protocol.LbBackend { Container = $"{id}-{i + 1}", Address = a }));
        return route;
    }

    private static ProxyRoutes Table(params Protocol.LbRoute[] routes) => ProxyRoutes.From(routes, ProxyRoutes.Empty);

    private static string? Match(ProxyRoutes table, string host, string path) =>
        table.Match(Encoding.ASCII.GetBytes(host), Encoding.ASCII.GetBytes(path))?.Id;

    /// <summary>Enough failed forwards to take an instance out.</summary>
    private static void TakeOut(ProxyBackend backend)
    {
        var taken = false;
        for (var i = 0; i < 3; i++)
        {
            taken |= backend.Record(failed: true, Now);
        }
        Assert.True(taken);
        Assert.False(backend.IsHealthy(Now));
    }

    [Theory]
    [InlineData("shop.example.com", true)]
    [InlineData("SHOP.Example.COM", true)]
    [InlineData("www.shop.example.com", false)]
    [InlineData("example.com", false)]
    [InlineData("shop.example.co", false)]
    public void A_host_matches_exactly_ignoring_case(string host, bool matches)
    {
        var table = Table(Route("shop", "/", ["Shop.Example.com"], "127.0.0.1:1"));

        Assert.Equal(matches ? "shop" : null, Match(table, host, "/"));
    }

    [Theory]
    [InlineData("a.example.com", true)]
    [InlineData("WWW.EXAMPLE.COM", true)]
    [InlineData("a.b.example.com", false)]
    [InlineData("example.com", false)]
    [InlineData(".example.com", false)]
    [InlineData("aexample.com", false)]
    [InlineData("a.example.org", false)]
    public void A_wildcard_host_matches_exactly_one_label(string host, bool matches)
    {
        var table = Table(Route("wild", "/", ["*.example.com"], "127.0.0.1:1"));

        Assert.Equal(matches ? "wild" : null, Match(table, host, "/"));
    }

    [Fact]
    public void A_route_without_hosts_matches_any_host()
    {
        var table = Table(Route("any", "/", null, "127.0.0.1:1"));

        Assert.Equal("any", Match(table, "whatever.example.org", "/x"));
        Assert.Equal("any", Match(table, "", "/"));
    }

    [Theory]
    [InlineData("/api", true)]
    [InlineData("/api/", true)]
    [InlineData("/api/users", true)]
    [InlineData("/api?x=1", true)]
    [InlineData("/API/users", true)]
    [InlineData("/apix", false)]
    [InlineData("/ap", false)]
    [InlineData("/", false)]
    [InlineData("/web/api", false)]
    public void A_path_prefix_matches_whole_segments(string path, bool matches)
    {
        var withSlash = Table(Route("api", "/api/", null, "127.0.0.1:1"));
        var withoutSlash = Table(Route("api", "/api", null, "127.0.0.1:1"));

        Assert.Equal(matches ? "api" : null, Match(withSlash, "a", path));
        Assert.Equal(matches ? "api" : null, Match(withoutSlash, "a", path));
    }

    [Fact]
    public void The_first_matching_route_wins()
    {
        var table = Table(
            Route("api", "/api", ["shop.example.com"], "127.0.0.1:1"),
            Route("web", "/", ["shop.example.com"], "127.0.0.1:2"),
            Route("fallback", "/", null, "127.0.0.1:3"));

        Assert.Equal("api", Match(table, "shop.example.com", "/api/x"));
        Assert.Equal("web", Match(table, "shop.example.com", "/apix"));
        Assert.Equal("fallback", Match(table, "other.example.com", "/api/x"));
        Assert.Null(Match(ProxyRoutes.Empty, "shop.example.com", "/"));
    }

    [Fact]
    public void A_stripped_prefix_is_the_path_without_its_trailing_slash()
    {
        var strip = Route("api", "/api/", null, "127.0.0.1:1");
        strip.StripPath = true;
        var root = Route("root", "/", null, "127.0.0.1:1");
        root.StripPath = true;

        var table = Table(strip, root);

        Assert.Equal(("/api", 4), (table.Routes[0].StripPrefix, table.Routes[0].StripLength));
        Assert.Null(table.Routes[1].StripPrefix);
        Assert.Null(Table(Route("api", "/api", null, "127.0.0.1:1")).Routes[0].StripPrefix);
    }

    [Fact]
    public void Backends_with_a_bad_address_are_left_out_and_duplicates_counted_once()
    {
        var route = Route("web", "/", null, "127.0.0.1:1", "not-an-address:80", "[::1]:8080");
        route.Backends.Add(new Protocol.LbBackend { Container = "web-1", Address = "127.0.0.1:9" });

        var backends = Table(route).Routes[0].Backends;

        Assert.Equal(["127.0.0.1:1", "[::1]:8080"], backends.Select(b => b.Address));
    }

    [Fact]
    public void A_route_without_backends_picks_none()
    {
        Assert.Null(Table(Route("web")).Routes[0].Pick([], Now, null, null));
    }

    [Fact]
    public void Pick_prefers_healthy_instances()
    {
        var route = Table(Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3")).Routes[0];
        TakeOut(route.Backends[0]);
        TakeOut(route.Backends[2]);

        for (var i = 0; i < 50; i++)
        {
            Assert.Same(route.Backends[1], route.Pick([], Now, null, null));
        }
    }

    [Fact]
    public void An_instance_taken_out_comes_back_after_the_reactivation_period()
    {
        var backend = Table(Route("web", "/", null, "127.0.0.1:1")).Routes[0].Backends[0];

        TakeOut(backend);

        Assert.True(backend.IsHealthy(Now + (long)LbProxyConfig.Reactivation.TotalMilliseconds));
    }

    [Fact]
    public void Failures_below_the_rate_limit_do_not_take_an_instance_out()
    {
        var backend = Table(Route("web", "/", null, "127.0.0.1:1")).Routes[0].Backends[0];

        for (var i = 0; i < 10; i++)
        {
            backend.Record(failed: false, Now);
        }
        var taken = backend.Record(failed: true, Now) | backend.Record(failed: true, Now);

        Assert.False(taken);
        Assert.True(backend.IsHealthy(Now));
    }

    [Fact]
    public void When_all_are_unhealthy_pick_uses_them_all()
    {
        var route = Table(Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2")).Routes[0];
        TakeOut(route.Backends[0]);
        TakeOut(route.Backends[1]);

        var picked = Enumerable.Range(0, 200).Select(_ => route.Pick([], Now, null, null)).ToHashSet();

        Assert.Equal(route.Backends.ToHashSet<ProxyBackend?>(), picked);
    }

    [Fact]
    public void Pick_skips_the_excluded_instances()
    {
        var route = Table(Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3")).Routes[0];
        var (a, b, c) = (route.Backends[0], route.Backends[1], route.Backends[2]);

        for (var i = 0; i < 50; i++)
        {
            Assert.Same(c, route.Pick([], Now, a, b));
            Assert.NotSame(a, route.Pick([], Now, a, null));
        }
        var two = Table(Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2")).Routes[0];
        Assert.Null(two.Pick([], Now, two.Backends[0], two.Backends[1]));
    }

    [Fact]
    public void The_affinity_value_is_a_short_hash_of_the_container_name()
    {
        var backend = Table(Route("web", "/", null, "127.0.0.1:1")).Routes[0].Backends[0];
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("web-1")))[..16];

        Assert.Equal(expected, Encoding.ASCII.GetString(backend.AffinityValue));
        Assert.DoesNotContain("web", Encoding.ASCII.GetString(backend.AffinityValue), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sticky_route_picks_the_instance_of_the_affinity_value()
    {
        var spec = Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3");
        spec.Sticky = true;
        var route = Table(spec).Routes[0];
        var owner = route.Backends[1];

        for (var i = 0; i < 50; i++)
        {
            Assert.Same(owner, route.Pick(owner.AffinityValue, Now, null, null));
        }
    }

    [Fact]
    public void A_sticky_instance_that_is_unhealthy_or_excluded_is_not_picked()
    {
        var spec = Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2");
        spec.Sticky = true;
        var route = Table(spec).Routes[0];
        var (owner, other) = (route.Backends[0], route.Backends[1]);

        Assert.Same(other, route.Pick(owner.AffinityValue, Now, owner, null));
        TakeOut(owner);
        Assert.Same(other, route.Pick(owner.AffinityValue, Now, null, null));
    }

    [Fact]
    public void An_affinity_value_on_a_route_that_is_not_sticky_is_ignored()
    {
        var route = Table(Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2")).Routes[0];
        var owner = route.Backends[0];

        var picked = Enumerable.Range(0, 200).Select(_ => route.Pick(owner.AffinityValue, Now, null, null)).ToHashSet();

        Assert.Equal(2, picked.Count);
    }

    [Fact]
    public void An_unknown_affinity_value_picks_among_all()
    {
        var spec = Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2");
        spec.Sticky = true;
        var route = Table(spec).Routes[0];

        var picked = Enumerable.Range(0, 200).Select(_ => route.Pick("0000000000000000"u8, Now, null, null)).ToHashSet();

        Assert.Equal(2, picked.Count);
    }

    [Fact]
    public void Backend_state_carries_over_to_a_new_table()
    {
        var first = Table(Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2"), Route("api", "/api", null, "127.0.0.1:1"));
        var kept = first.Routes[0].Backends[0];
        Interlocked.Increment(ref kept.InFlight);
        TakeOut(kept);

        var moved = Route("web", "/", null, "127.0.0.1:1", "127.0.0.1:2");
        moved.Backends[1].Address = "127.0.0.1:22";
        var second = ProxyRoutes.From([Route("api", "/api", null, "127.0.0.1:1"), moved], first);

        var web = second.Routes[1];
        Assert.Same(kept, web.Backends[0]);
        Assert.Equal(1, web.Backends[0].InFlight);
        Assert.False(web.Backends[0].IsHealthy(Now));
        Assert.NotSame(first.Routes[0].Backends[1], web.Backends[1]);
        Assert.Same(first.Routes[1].Backends[0], second.Routes[0].Backends[0]);
        Assert.NotSame(kept, second.Routes[0].Backends[0]);
    }
}
