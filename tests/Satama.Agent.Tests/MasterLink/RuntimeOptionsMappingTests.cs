using Satama.Agent.MasterLink;
using Satama.Core.Model;
using Satama.Protocol;

namespace Satama.Agent.Tests.MasterLink;

public sealed class RuntimeOptionsMappingTests
{
    private static DesiredContainer Container() => new() { Name = "g.null.w-1.r1", Grid = "g", Service = "w", Image = "x", SpecHash = "h" };

    [Fact]
    public void A_container_without_runtime_options_gets_the_default_runtime()
    {
        var view = ProtocolMapping.ToView(Container());

        Assert.True(view.Runtime.IsDefault);
        Assert.Equal(2, view.Runtime.StopGraceSeconds);
    }

    [Fact]
    public void Every_runtime_option_maps_to_the_view()
    {
        var wire = new RuntimeOptions
        {
            Init = true,
            StopGraceSeconds = 0,
            StopSignal = "SIGINT",
            MemoryBytes = 64L << 20,
            NanoCpus = 500_000_000,
            CpuShares = 512,
            User = "101",
            WorkingDir = "/srv",
            Hostname = "web",
            ReadOnly = true,
            Privileged = true,
            ShmSizeBytes = 1024,
        };
        wire.Tmpfs.Add("/run");
        wire.CapAdd.Add("NET_ADMIN");
        wire.CapDrop.Add("ALL");
        wire.ExtraHosts.Add("db:10.0.0.2");
        wire.Sysctls["net.core.somaxconn"] = "1024";
        wire.Ulimits.Add(new RuntimeUlimit { Name = "nofile", Soft = 10, Hard = 20 });
        var container = Container();
        container.Runtime = wire;
        container.Labels["team"] = "blue";

        var view = ProtocolMapping.ToView(container);

        var expected = new RuntimeSpec
        {
            Init = true,
            StopGracePeriod = TimeSpan.Zero,
            StopSignal = "SIGINT",
            MemoryBytes = 64L << 20,
            NanoCpus = 500_000_000,
            CpuShares = 512,
            User = "101",
            WorkingDir = "/srv",
            Hostname = "web",
            ReadOnly = true,
            Privileged = true,
            ShmSizeBytes = 1024,
            Tmpfs = ["/run"],
            CapAdd = ["NET_ADMIN"],
            CapDrop = ["ALL"],
            ExtraHosts = ["db:10.0.0.2"],
            Sysctls = new Dictionary<string, string> { ["net.core.somaxconn"] = "1024" },
            Ulimits = [new UlimitSpec("nofile", 10, 20)],
        };
        Assert.Equal(expected, view.Runtime);
        Assert.Equal(0, view.Runtime.StopGraceSeconds);
        Assert.Equal("blue", view.Labels["team"]);
    }
}
