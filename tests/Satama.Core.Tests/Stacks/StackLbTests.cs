using System.Text.Json;
using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackLbTests
{
    private static ServiceSpec Spec(string file, string service) =>
        StackServiceMapper.ToServiceSpecs(CorpusFile.Stack(file), "prod").Single(m => m.Spec.Name == service).Spec;

    [Fact]
    public void Lb_maps_every_key()
    {
        var lb = Spec("c-lb.yml", "web").Lb!;

        Assert.Equal(["shop.example.com", "*.shop.example.com"], lb.Hosts);
        Assert.Equal(("/api", 8080, false, "shop-cert", true, false), (lb.Path, lb.Port, lb.Sticky, lb.TlsSecret, lb.RedirectHttps, lb.StripPath));
    }

    [Fact]
    public void Lb_defaults_are_any_host_root_path_and_port_80()
    {
        var lb = Spec("c-lb.yml", "plain").Lb!;

        Assert.Equal(new LbSpec(), lb);
        Assert.Equal((0, "/", 80, null), (lb.Hosts.Count, lb.Path, lb.Port, lb.TlsSecret));
        Assert.Equal(["admin.example.com"], Spec("c-lb.yml", "admin").Lb!.Hosts);
    }

    [Fact]
    public void A_service_without_lb_is_not_published()
    {
        Assert.Null(Spec("c-depends-on.yml", "web").Lb);
    }

    [Fact]
    public void Kontena_lb_environment_keys_are_aliases_and_strip_the_virtual_path()
    {
        var web = Spec("k-lb-env.yml", "web").Lb!;
        var keep = Spec("k-lb-env.yml", "keep").Lb!;

        Assert.Equal(["shop.example.com", "www.shop.example.com"], web.Hosts);
        Assert.Equal(("/api", 8080, true), (web.Path, web.Port, web.StripPath));
        Assert.Equal(("/keep", 80, false), (keep.Path, keep.Port, keep.StripPath));
    }

    [Fact]
    public void An_explicit_lb_wins_over_the_kontena_keys()
    {
        Assert.Equal(8080, Spec("k-lb-env.yml", "both").Lb!.Port);
    }

    [Fact]
    public void Lb_specs_compare_by_value_and_survive_json()
    {
        var a = new LbSpec { Hosts = ["a.example.com"], Path = "/x", TlsSecret = "c" };
        var b = new LbSpec { Hosts = ["a.example.com"], Path = "/x", TlsSecret = "c" };
        var spec = new ServiceSpec { Grid = "g", Name = "web", Image = "nginx", Lb = a };

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Hosts = ["b.example.com"] });
        Assert.Equal(a, JsonSerializer.Deserialize<ServiceSpec>(JsonSerializer.Serialize(spec))!.Lb);
        Assert.Null(JsonSerializer.Deserialize<ServiceSpec>("""{"Grid":"g","Name":"web","Image":"nginx"}""")!.Lb);
    }

    [Fact]
    public void A_tls_secret_missing_from_the_vault_is_an_error()
    {
        var result = CorpusFile.Parse("c-lb.yml", o => o with { Vault = _ => null });

        Assert.Contains(result.Errors, e => e.Message.Contains("vault secret `shop-cert` does not exist", StringComparison.Ordinal));
    }
}
