using System.Globalization;
using Satama.Agent.Docker;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Docker;

/// <summary>Runtime options on the real engine: what docker inspect shows, and how a removal stops the container.</summary>
public sealed class RuntimeOptionsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EngineDriverScope _engine = new(output);

    private DockerContainerDriver Driver => _engine.Driver;

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
    }

    private DesiredContainerView App(RuntimeSpec runtime, string service = "app") => new()
    {
        Name = InstanceNames.Container(_engine.Grid, "null", service, 1, 1),
        Grid = _engine.Grid,
        Service = service,
        Image = TestImages.Busybox,
        Command = ["httpd", "-f", "-p", "8080", "-h", "/www"],
        SpecHash = "h1",
        Runtime = runtime,
    };

    private static async Task<string> InspectAsync(string name, string format) =>
        (await Shell.DockerAsync("inspect", "--format", format, name)).EnsureSuccess("inspect").Stdout.Trim();

    [Fact]
    public async Task Init_stop_grace_period_and_stop_signal_reach_the_container()
    {
        var app = App(new RuntimeSpec { Init = true, StopGracePeriod = TimeSpan.FromSeconds(30), StopSignal = "SIGINT" });

        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);

        Assert.Equal("true 30 SIGINT", await InspectAsync(app.Name, "{{json .HostConfig.Init}} {{.Config.StopTimeout}} {{.Config.StopSignal}}"));
    }

    [Fact]
    public async Task Memory_cpu_and_cpu_share_limits_reach_the_container()
    {
        var app = App(new RuntimeSpec { MemoryBytes = 64L << 20, NanoCpus = 500_000_000, CpuShares = 512 });

        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);

        Assert.Equal("67108864 500000000 512", await InspectAsync(app.Name, "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}}"));
    }

    [Fact]
    public async Task Container_settings_reach_the_container()
    {
        var runtime = new RuntimeSpec
        {
            User = "100:101",
            WorkingDir = "/www",
            Hostname = "web-host",
            ReadOnly = true,
            Tmpfs = ["/run:size=1m"],
            CapAdd = ["NET_ADMIN"],
            CapDrop = ["MKNOD"],
            ExtraHosts = ["metadata:169.254.169.254"],
            ShmSizeBytes = 8L << 20,
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_unprivileged_port_start"] = "0" },
            Ulimits = [new UlimitSpec("nofile", 1000, 2000)],
        };
        var app = App(runtime) with { Labels = new Dictionary<string, string> { ["com.example.team"] = "blue" } };

        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
        await Driver.StartAsync(app.Name, CancellationToken.None);

        Assert.Equal("100:101 /www web-host blue", await InspectAsync(app.Name, "{{.Config.User}} {{.Config.WorkingDir}} {{.Config.Hostname}} {{index .Config.Labels \"com.example.team\"}}"));
        Assert.Equal("true map[/run:size=1m] [NET_ADMIN] [MKNOD] [metadata:169.254.169.254] 8388608 false",
            await InspectAsync(app.Name, "{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Tmpfs}} {{.HostConfig.CapAdd}} {{.HostConfig.CapDrop}} {{.HostConfig.ExtraHosts}} {{.HostConfig.ShmSize}} {{.HostConfig.Privileged}}"));
        Assert.Equal("map[net.ipv4.ip_unprivileged_port_start:0] [nofile=1000:2000]", await InspectAsync(app.Name, "{{.HostConfig.Sysctls}} {{.HostConfig.Ulimits}}"));
        var inside = await Shell.DockerAsync("exec", app.Name, "sh", "-c", "id -u; pwd; hostname; ulimit -n; grep metadata /etc/hosts | cut -f1; touch /x 2>/dev/null || echo read-only");
        Assert.Equal("100\n/www\nweb-host\n1000\n169.254.169.254\nread-only", inside.EnsureSuccess("exec").Stdout.Trim());
    }

    [Fact]
    public async Task A_container_without_runtime_options_gets_no_init_and_a_2_second_stop_timeout()
    {
        var app = App(RuntimeSpec.Default);

        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);

        Assert.Equal("null 2", await InspectAsync(app.Name, "{{json .HostConfig.Init}} {{.Config.StopTimeout}} {{.Config.StopSignal}}"));
        Assert.Equal("0 0 0", await InspectAsync(app.Name, "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.CpuShares}}"));
    }

    [Fact]
    public async Task With_init_a_removal_stops_httpd_with_sigterm_and_without_it_pid_1_ignores_sigterm_until_the_kill()
    {
        // busybox httpd as PID 1 has no SIGTERM handler, so the kernel drops the signal and only SIGKILL (137) ends it;
        // under tini (init: true) SIGTERM reaches httpd and it exits 128 + 15 = 143 at once, long before the 60 s grace.
        var withInit = App(new RuntimeSpec { Init = true, StopGracePeriod = TimeSpan.FromSeconds(60) }, "init");
        var without = App(new RuntimeSpec { StopGracePeriod = TimeSpan.FromSeconds(1) }, "bare");
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        foreach (var app in new[] { withInit, without })
        {
            await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
            await Driver.StartAsync(app.Name, CancellationToken.None);
            await Eventually.UntilAsync(async () => (await Shell.DockerAsync("exec", app.Name, "pidof", "httpd")).ExitCode == 0, $"httpd running in {app.Name}");
        }

        await Driver.RemoveAsync(withInit.Name, CancellationToken.None);
        await Driver.RemoveAsync(without.Name, CancellationToken.None);

        Assert.Empty(await Driver.ListAsync(_engine.Grid, _engine.Node, CancellationToken.None));
        Assert.Equal("143", await ExitCodeAsync(withInit.Name, since));
        Assert.Equal("137", await ExitCodeAsync(without.Name, since));
    }

    /// <summary>The exit code of the container's die event (the container itself is gone).</summary>
    private async Task<string> ExitCodeAsync(string name, long since)
    {
        var until = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture);
        var events = await Shell.DockerAsync("events", "--since", since.ToString(CultureInfo.InvariantCulture), "--until", until,
            "--filter", $"label={SatamaLabels.Grid}={_engine.Grid}", "--filter", "event=die",
            "--format", "{{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}");
        var line = Assert.Single(events.EnsureSuccess("docker events").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line[(name.Length + 1)..].Trim();
    }
}
