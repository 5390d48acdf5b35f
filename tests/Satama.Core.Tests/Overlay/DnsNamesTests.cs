using Satama.Core.Overlay;

namespace Satama.Core.Tests.Overlay;

public sealed class DnsNamesTests
{
    private static readonly DnsZone s_zone = new("prod",
        [
            new DnsInstance("shop", "web", "web-1", "10.90.1.2"),
            new DnsInstance("shop", "web", "web-2", "10.90.2.2"),
            new DnsInstance("shop", "db", "db-1", "10.90.3.4"),
            new DnsInstance("blog", "web", "web-1", "10.90.1.9"),
        ],
        [new DnsService("shop", "web"), new DnsService("shop", "db"), new DnsService("shop", "idle"), new DnsService("blog", "web")]);

    private static DnsLookup Resolve(string name, string? stack = null) => DnsNames.Resolve(s_zone, name, stack);

    [Fact]
    public void The_full_service_name_answers_every_serving_instance()
    {
        var lookup = Resolve("web.shop.prod.satama.local");
        Assert.Equal(DnsLookupKind.Answer, lookup.Kind);
        Assert.Equal(["10.90.1.2", "10.90.2.2"], lookup.Addresses);
        Assert.Equal(["10.90.1.2", "10.90.2.2"], Resolve("WEB.Shop.prod.satama.local.").Addresses);
    }

    [Fact]
    public void An_instance_name_answers_that_instance()
    {
        Assert.Equal(["10.90.2.2"], Resolve("web-2.web.shop.prod.satama.local").Addresses);
        var notServing = Resolve("web-3.web.shop.prod.satama.local");
        Assert.Equal(DnsLookupKind.Answer, notServing.Kind);
        Assert.Empty(notServing.Addresses);
    }

    [Fact]
    public void A_service_without_serving_instances_is_an_empty_answer()
    {
        var lookup = Resolve("idle.shop.prod.satama.local");
        Assert.Equal(DnsLookupKind.Answer, lookup.Kind);
        Assert.Empty(lookup.Addresses);
    }

    [Theory]
    [InlineData("nope.shop.prod.satama.local")]
    [InlineData("web.shop.staging.satama.local")]
    [InlineData("satama.local")]
    [InlineData("prod.satama.local")]
    [InlineData("a.b.c.d.prod.satama.local")]
    public void Other_names_under_satama_local_do_not_exist(string name) => Assert.Equal(DnsLookupKind.NotFound, Resolve(name, "shop").Kind);

    [Fact]
    public void Short_names_resolve_inside_the_asking_containers_stack()
    {
        Assert.Equal(["10.90.1.2", "10.90.2.2"], Resolve("web", "shop").Addresses);
        Assert.Equal(["10.90.1.9"], Resolve("web", "blog").Addresses);
        Assert.Equal(["10.90.3.4"], Resolve("db.shop", "blog").Addresses);
        Assert.Equal(["10.90.3.4"], Resolve("db.shop").Addresses);
    }

    [Fact]
    public void Short_names_completed_by_the_search_domains_resolve_too()
    {
        Assert.Equal(["10.90.1.2", "10.90.2.2"], Resolve("web.shop.prod.satama.local", "shop").Addresses);
        Assert.Equal(["10.90.1.2", "10.90.2.2"], Resolve("web.prod.satama.local", "shop").Addresses);
        Assert.Equal(DnsLookupKind.NotFound, Resolve("web.prod.satama.local").Kind);
    }

    [Theory]
    [InlineData("example.com", "shop")]
    [InlineData("web", null)]
    [InlineData("nope", "shop")]
    [InlineData("web.nope", "shop")]
    [InlineData("a.b.c", "shop")]
    public void Names_that_are_not_ours_go_to_the_host_resolver(string name, string? stack) =>
        Assert.Equal(DnsLookupKind.Forward, Resolve(name, stack).Kind);

    [Fact]
    public void Search_domains_are_the_stack_then_the_grid()
    {
        Assert.Equal(["shop.prod.satama.local", "prod.satama.local"], DnsNames.SearchDomains("prod", "shop"));
    }
}
