using Satama.Agent.Docker;
using Satama.Agent.MasterLink;
using Satama.Agent.Overlay;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.Storage;

/// <summary>DNS, devices, the PID namespace and logging from the wire to the real engine.</summary>
public sealed class HostOptionsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EngineDriverScope _engine = new(output);

    private DockerContainerDriver Driver => _engine.Driver;

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
    }

    [Theory]
    [InlineData("/dev/fuse", "/dev/fuse", "/dev/fuse", "rwm")]
    [InlineData("/dev/sdb:/dev/xvdb", "/dev/sdb", "/dev/xvdb", "rwm")]
    [InlineData("/dev/sdb:/dev/xvdb:r", "/dev/sdb", "/dev/xvdb", "r")]
    [InlineData("/dev/net/tun:rw", "/dev/net/tun", "/dev/net/tun", "rw")]
    public void A_device_reads_as_the_docker_cli_reads_it(string device, string host, string container, string permissions)
    {
        var mapping = DockerMapping.ToDevice(device);

        Assert.Equal((host, container, permissions), (mapping.PathOnHost, mapping.PathInContainer, mapping.CgroupPermissions));
    }

    [Fact]
    public void On_the_overlay_the_grid_dns_server_and_domains_come_first_and_the_services_follow()
    {
        var overlay = new OverlayAttachment("g", "satama-g", "10.81.0.0/24", "10.81.0.1");
        var app = new DesiredContainerView
        {
            Name = "g.shop.app-1",
            Grid = "g",
            Stack = "shop",
            Service = "app",
            Image = "busybox",
            SpecHash = "h1" + overlay.Suffix,
            Runtime = new RuntimeSpec { Dns = ["10.9.8.7"], DnsSearch = ["corp.example.com"] },
        };
        var parameters = DockerMapping.ToCreateParameters(app, "n");

        Assert.True(overlay.Apply(app, parameters));

        var host = parameters.HostConfig!;
        Assert.Equal(["10.81.0.1", "10.9.8.7"], host.DNS);
        Assert.Equal("corp.example.com", host.DNSSearch[^1]);
        Assert.True(host.DNSSearch.Count > 1);
    }

    [Fact]
    public async Task Dns_search_domains_a_device_the_host_pid_namespace_and_the_log_driver_reach_the_container()
    {
        var wire = new DesiredContainer
        {
            Name = InstanceNames.Container(_engine.Grid, "null", "app", 1, 1),
            Grid = _engine.Grid,
            Service = "app",
            Image = TestImages.Busybox,
            SpecHash = "h1",
            HostOptions = new HostOptions { Pid = "host", LogDriver = "json-file" },
        };
        wire.Command.AddRange(["sleep", "3600"]);
        wire.HostOptions.Dns.AddRange(["10.9.8.7", "10.9.8.6"]);
        wire.HostOptions.DnsSearch.Add("corp.example.com");
        wire.HostOptions.Devices.Add("/dev/null:/dev/satama-null:rw");
        wire.HostOptions.LogOptions["max-size"] = "1m";
        var app = ProtocolMapping.ToView(wire);

        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
        await Driver.StartAsync(app.Name, CancellationToken.None);

        var inside = await Shell.DockerAsync("exec", app.Name, "sh", "-c", "grep -E '^(nameserver|search)' /etc/resolv.conf; test -c /dev/satama-null && echo device");
        Assert.Equal(["search corp.example.com", "nameserver 10.9.8.7", "nameserver 10.9.8.6", "device"], inside.EnsureSuccess("exec").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var inspect = await Shell.DockerAsync("inspect", "--format", "{{.HostConfig.PidMode}} {{.HostConfig.LogConfig.Type}} {{index .HostConfig.LogConfig.Config \"max-size\"}}", app.Name);
        Assert.Equal("host json-file 1m", inspect.EnsureSuccess("inspect").Stdout.Trim());
    }
}
