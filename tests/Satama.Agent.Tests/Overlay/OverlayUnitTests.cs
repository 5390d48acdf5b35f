using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Satama.Agent.Overlay;
using Satama.Core.Overlay;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Overlay;

public sealed class OverlayUnitTests
{
    private static readonly OverlayAttachment s_attachment = new("prod", "satama-prod", "10.90.3.0/24", "10.90.3.1");

    private static DesiredContainerView Container(string grid, string hash = "h1") => new()
    {
        Name = $"{grid}.shop.web-1",
        Grid = grid,
        Stack = "shop",
        Service = "web",
        Image = "busybox",
        SpecHash = hash,
    };

    [Fact]
    public void Shaping_binds_the_grids_containers_to_the_network_and_subnet_once()
    {
        var view = new DesiredNodeView("prod", "n1", 7, [Container("prod")]);
        var shaped = s_attachment.Shape(view);
        Assert.Equal("h1+net:satama-prod@10.90.3.0/24", shaped.Containers[0].SpecHash);
        Assert.Equal(shaped.Containers[0], s_attachment.Shape(shaped).Containers[0]);
        var moved = s_attachment with { Subnet = "10.90.9.0/24" };
        Assert.Equal("h1+net:satama-prod@10.90.9.0/24", moved.Shape(shaped).Containers[0].SpecHash);
        var other = new DesiredNodeView("staging", "n1", 7, [Container("staging")]);
        Assert.Same(other, s_attachment.Shape(other));
    }

    [Fact]
    public void A_shaped_container_joins_the_network_with_the_node_dns_and_the_stack_search_domains()
    {
        var spec = s_attachment.Shape(new DesiredNodeView("prod", "n1", 7, [Container("prod")])).Containers[0];
        var parameters = new CreateContainerParameters { HostConfig = new HostConfig() };
        Assert.True(s_attachment.Apply(spec, parameters));
        Assert.Equal("satama-prod", parameters.HostConfig.NetworkMode);
        Assert.Equal(["10.90.3.1"], parameters.HostConfig.DNS);
        Assert.Equal(["shop.prod.satama.local", "prod.satama.local"], parameters.HostConfig.DNSSearch);
        Assert.True(parameters.NetworkingConfig!.EndpointsConfig.ContainsKey("satama-prod"));
    }

    [Fact]
    public void An_unshaped_container_stays_on_the_default_bridge()
    {
        var parameters = new CreateContainerParameters { HostConfig = new HostConfig() };
        Assert.False(s_attachment.Apply(Container("prod"), parameters));
        Assert.True(string.IsNullOrEmpty(parameters.HostConfig.NetworkMode));
    }

    [Theory]
    [InlineData("satama0", true)]
    [InlineData("wg-h1.x_2", true)]
    [InlineData("", false)]
    [InlineData("sixteen-chars-xx", false)]
    [InlineData("bad/name", false)]
    [InlineData("..", false)]
    public void The_wireguard_interface_must_be_an_interface_name(string name, bool valid)
    {
        var options = new AgentOptions { MasterUrl = new Uri("https://127.0.0.1:7443"), GridToken = "t", NodeName = "n1", DataDir = "/tmp/x", WgInterface = name };
        Assert.Equal(valid, AgentOptionsValidator.Validate(options).Count == 0);
    }

    [Fact]
    public async Task The_private_key_is_kept_owner_only_and_stays_the_same()
    {
        using var dir = new TempDirectory();
        var first = await WireGuardKeys.LoadOrCreateAsync(dir.Path, CancellationToken.None);
        var again = await WireGuardKeys.LoadOrCreateAsync(dir.Path, CancellationToken.None);
        Assert.Equal(first.PublicKey, again.PublicKey);
        Assert.Equal(44, first.PublicKey.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.PrivateKeyPath));
        }
        Assert.DoesNotContain(first.PublicKey, await File.ReadAllTextAsync(first.PrivateKeyPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dns_server_answers_grid_names_from_its_zone_and_follows_updates()
    {
        var zone = new DnsZone("prod", [new Core.Overlay.DnsInstance("shop", "web", "web-1", "10.90.1.2")], [new Core.Overlay.DnsService("shop", "web")]);
        using var responder = new DnsResponder(zone, _ => "shop", NullLogger.Instance);
        var port = FreePort.Next();
        responder.Listen(IPAddress.Loopback, port);
        var client = new DnsClient([IPAddress.Loopback], [new UdpClientTransport(port)], false, 5000);

        Assert.Equal(["10.90.1.2"], await Async(client, "web.shop.prod.satama.local"));
        Assert.Equal(["10.90.1.2"], await Async(client, "web"));
        var missing = await client.ResolveAsync(DomainName.Parse("nope.shop.prod.satama.local"), RecordType.A);
        Assert.Equal(ReturnCode.NxDomain, missing!.ReturnCode);

        responder.Zone = zone with { Instances = [.. zone.Instances, new Core.Overlay.DnsInstance("shop", "web", "web-2", "10.90.2.2")] };
        Assert.Equal(["10.90.1.2", "10.90.2.2"], await Async(client, "web.shop.prod.satama.local"));
    }

    private static async Task<IReadOnlyList<string>> Async(DnsClient client, string name)
    {
        var answer = await client.ResolveAsync(DomainName.Parse(name), RecordType.A);
        return [.. answer!.AnswerRecords.OfType<ARecord>().Select(a => a.Address.ToString()).Order(StringComparer.Ordinal)];
    }
}
