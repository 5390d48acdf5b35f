using Satama.Core.Model;
using Satama.Master.AgentLink;
using Satama.Master.Stacks;
using Satama.Master.Store;

namespace Satama.Master.Tests.Runtime;

public sealed class RuntimeDesiredTests
{
    private static readonly ServiceSpec s_app = new() { Grid = "g", Name = "app", Image = "busybox:latest" };
    private static readonly RuntimeSpec s_runtime = new() { Init = true, StopGracePeriod = TimeSpan.FromSeconds(30), StopSignal = "SIGINT" };

    [Fact]
    public void The_desired_container_carries_init_stop_grace_and_stop_signal()
    {
        var container = DesiredSetBuilder.Container(s_app with { Runtime = s_runtime }, 1);

        Assert.NotNull(container.Runtime);
        Assert.True(container.Runtime.Init);
        Assert.True(container.Runtime.HasStopGraceSeconds);
        Assert.Equal(30, container.Runtime.StopGraceSeconds);
        Assert.Equal("SIGINT", container.Runtime.StopSignal);
    }

    [Fact]
    public void The_desired_container_carries_the_limits()
    {
        var container = DesiredSetBuilder.Container(s_app with { Runtime = new RuntimeSpec { MemoryBytes = 64L << 20, NanoCpus = 500_000_000, CpuShares = 512 } }, 1);

        Assert.Equal((64L << 20, 500_000_000L, 512L), (container.Runtime.MemoryBytes, container.Runtime.NanoCpus, container.Runtime.CpuShares));
        Assert.False(container.Runtime.Init);
    }

    [Fact]
    public void The_desired_container_carries_the_container_settings_and_the_labels()
    {
        var runtime = new RuntimeSpec
        {
            User = "101:101",
            WorkingDir = "/srv",
            Hostname = "web",
            Labels = new Dictionary<string, string> { ["team"] = "blue" },
            ReadOnly = true,
            Tmpfs = ["/run"],
            CapAdd = ["NET_ADMIN"],
            CapDrop = ["ALL"],
            Privileged = true,
            ExtraHosts = ["db:10.0.0.2"],
            ShmSizeBytes = 128L << 20,
            Sysctls = new Dictionary<string, string> { ["net.core.somaxconn"] = "1024" },
            Ulimits = [new UlimitSpec("nofile", 1024, 2048)],
        };

        var container = DesiredSetBuilder.Container(s_app with { Runtime = runtime }, 1);

        var wire = container.Runtime;
        Assert.Equal(("101:101", "/srv", "web", true, true), (wire.User, wire.WorkingDir, wire.Hostname, wire.ReadOnly, wire.Privileged));
        Assert.Equal("blue", container.Labels["team"]);
        Assert.Equal(["/run"], wire.Tmpfs);
        Assert.Equal(["NET_ADMIN"], wire.CapAdd);
        Assert.Equal(["ALL"], wire.CapDrop);
        Assert.Equal(["db:10.0.0.2"], wire.ExtraHosts);
        Assert.Equal(128L << 20, wire.ShmSizeBytes);
        Assert.Equal("1024", wire.Sysctls["net.core.somaxconn"]);
        Assert.Equal(("nofile", 1024L, 2048L), (wire.Ulimits[0].Name, wire.Ulimits[0].Soft, wire.Ulimits[0].Hard));
        Assert.NotEqual(SpecHash.Of(s_app), SpecHash.Of(s_app with { Runtime = runtime }));
        Assert.NotEqual(SpecHash.Of(s_app with { Runtime = runtime }), SpecHash.Of(s_app with { Runtime = runtime with { Labels = new Dictionary<string, string> { ["team"] = "red" } } }));
        Assert.Equal(SpecHash.Of(s_app with { Runtime = runtime with { CapAdd = ["A", "B"] } }), SpecHash.Of(s_app with { Runtime = runtime with { CapAdd = ["B", "A"] } }));
        Assert.Equal(runtime, StoreJson.Read<ServiceSpec>(StoreJson.Write(s_app with { Runtime = runtime })).Runtime);
    }

    [Fact]
    public void A_service_without_runtime_options_sends_no_runtime_message()
    {
        Assert.Null(DesiredSetBuilder.Container(s_app, 1).Runtime);
    }

    [Fact]
    public void An_unset_stop_grace_period_stays_unset_on_the_wire()
    {
        var container = DesiredSetBuilder.Container(s_app with { Runtime = new RuntimeSpec { Init = true } }, 1);

        Assert.False(container.Runtime.HasStopGraceSeconds);
    }

    [Fact]
    public void Every_runtime_option_is_part_of_the_spec_hash()
    {
        var with = s_app with { Runtime = s_runtime };

        Assert.NotEqual(SpecHash.Of(s_app), SpecHash.Of(with));
        Assert.Equal(SpecHash.Of(with), SpecHash.Of(s_app with { Runtime = s_runtime with { } }));
        Assert.NotEqual(SpecHash.Of(with), SpecHash.Of(s_app with { Runtime = s_runtime with { Init = false } }));
        Assert.NotEqual(SpecHash.Of(with), SpecHash.Of(s_app with { Runtime = s_runtime with { StopGracePeriod = TimeSpan.FromSeconds(31) } }));
        Assert.NotEqual(SpecHash.Of(with), SpecHash.Of(s_app with { Runtime = s_runtime with { StopSignal = "SIGTERM" } }));
        Assert.NotEqual(SpecHash.Of(with), SpecHash.Of(s_app with { Runtime = s_runtime with { MemoryBytes = 64L << 20 } }));
        Assert.NotEqual(SpecHash.Of(with), SpecHash.Of(s_app with { Runtime = s_runtime with { NanoCpus = 1 } }));
        Assert.NotEqual(SpecHash.Of(with), SpecHash.Of(s_app with { Runtime = s_runtime with { CpuShares = 2 } }));
    }

    [Fact]
    public void A_row_stored_before_runtime_options_existed_reads_the_default_and_hashes_as_before()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(StoreJson.Write(s_app))!.AsObject();
        node.Remove("runtime");
        var before = node.ToJsonString();

        var old = StoreJson.Read<ServiceSpec>(before);

        Assert.DoesNotContain("\"runtime\"", before, StringComparison.Ordinal);
        Assert.True(old.Runtime.IsDefault);
        Assert.Equal(SpecHash.Of(s_app), SpecHash.Of(old));
    }

    [Fact]
    public void A_stored_runtime_reads_back_equal()
    {
        var with = s_app with { Runtime = s_runtime };

        var read = StoreJson.Read<ServiceSpec>(StoreJson.Write(with));

        Assert.Equal(s_runtime, read.Runtime);
        Assert.Equal(SpecHash.Of(with), SpecHash.Of(read));
    }

    [Fact]
    public void A_changed_runtime_option_changes_the_service_and_an_equal_one_does_not()
    {
        var stored = s_app with { Runtime = s_runtime };

        var changed = Assert.Single(StackPlanner.Plan([stored], [s_app with { Runtime = s_runtime with { StopSignal = "SIGQUIT" } }]));
        var same = Assert.Single(StackPlanner.Plan([stored], [s_app with { Runtime = s_runtime with { } }]));

        Assert.Equal((StackPlanner.Changed, "runtime"), (changed.Change, Assert.Single(changed.Fields)));
        Assert.Equal(StackPlanner.Unchanged, same.Change);
    }
}
