using Satama.Core.Model;
using Satama.Master.AgentLink;
using Satama.Master.Stacks;

namespace Satama.Master.Tests.Storage;

public sealed class HostOptionsDesiredTests
{
    private static readonly ServiceSpec s_app = new() { Grid = "g", Name = "app", Image = "busybox:latest" };

    private static readonly RuntimeSpec s_options = new()
    {
        Dns = ["10.0.0.2"],
        DnsSearch = ["corp.example.com"],
        Devices = ["/dev/fuse"],
        Pid = "host",
        LogDriver = "syslog",
        LogOptions = new Dictionary<string, string> { ["tag"] = "app" },
    };

    [Fact]
    public void The_desired_container_carries_dns_devices_pid_and_logging()
    {
        var wire = DesiredSetBuilder.Container(s_app with { Runtime = s_options }, 1).HostOptions;

        Assert.NotNull(wire);
        Assert.Equal(["10.0.0.2"], wire.Dns);
        Assert.Equal(["corp.example.com"], wire.DnsSearch);
        Assert.Equal(["/dev/fuse"], wire.Devices);
        Assert.Equal(("host", "syslog", "app"), (wire.Pid, wire.LogDriver, wire.LogOptions["tag"]));
    }

    [Fact]
    public void Each_is_in_the_spec_hash_and_a_service_without_them_keeps_its_hash_and_sends_none()
    {
        var app = s_app with { Runtime = s_options };

        Assert.Null(DesiredSetBuilder.Container(s_app, 1).HostOptions);
        Assert.NotEqual(SpecHash.Of(s_app), SpecHash.Of(app));
        Assert.NotEqual(SpecHash.Of(app), SpecHash.Of(app with { Runtime = s_options with { Dns = ["10.0.0.3"] } }));
        Assert.NotEqual(SpecHash.Of(app), SpecHash.Of(app with { Runtime = s_options with { LogOptions = new Dictionary<string, string> { ["tag"] = "x" } } }));
        Assert.NotEqual(SpecHash.Of(app), SpecHash.Of(app with { Runtime = s_options with { Pid = null } }));
        Assert.Equal(["runtime"], StackPlanner.ShapingFields(s_app, app));
    }
}
