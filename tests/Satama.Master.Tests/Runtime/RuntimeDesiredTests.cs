using System.Text.RegularExpressions;
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
        var json = StoreJson.Write(s_app);
        var before = Regex.Replace(json, ",\\s*\"runtime\":\\s*\\{[^{}]*\\}", "");

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
