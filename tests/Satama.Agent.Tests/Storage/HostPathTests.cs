using Satama.Agent.Docker;
using Satama.Agent.Tests.Reconciler;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Storage;

/// <summary>
/// Issue 13, defect 2, on the node: the agent refuses to mount its data dir, its secrets dir or the engine socket unless
/// the grid allows it, whoever deployed the service, with symlinks resolved; the refusal is the container's error.
/// </summary>
public sealed class HostPathTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _data = new("satama-agent-data-");
    private readonly TempDirectory _other = new("satama-host-path-");
    private readonly List<string> _volumes = [];
    private EngineDriverScope _engine = null!;

    private DockerContainerDriver Driver => _engine.Driver;

    private string DataDir => HostPathGuard.Resolve(_data.Path);

    public async Task InitializeAsync()
    {
        _engine = new EngineDriverScope(output, dataDir: _data.Path);
        await TestImages.BusyboxAsync();
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        foreach (var volume in _volumes)
        {
            await Shell.DockerAsync("volume", "rm", "-f", volume);
        }
        _data.Dispose();
        _other.Dispose();
    }

    private DesiredContainerView App(params MountSpec[] mounts) => new()
    {
        Name = InstanceNames.Container(_engine.Grid, "shop", "probe", 1, 1),
        Grid = _engine.Grid,
        Stack = "shop",
        Service = "probe",
        Image = TestImages.Busybox,
        Command = ["sleep", "3600"],
        SpecHash = "h1",
        Mounts = mounts,
    };

    private static MountSpec Bind(string source, string target = "/host") => new() { Type = MountType.Bind, Source = source, Target = target };

    private async Task<bool> ExistsAsync(string name) => (await Shell.DockerAsync("container", "inspect", name)).ExitCode == 0;

    [Fact]
    public async Task A_bind_of_the_agent_s_data_dir_is_refused_and_no_container_is_made()
    {
        var app = App(Bind(DataDir));

        var error = await Assert.ThrowsAsync<ContainerDriverException>(() => Driver.CreateAsync(app, _engine.Node, CancellationToken.None));

        Assert.StartsWith($"bind of {DataDir} refused: it reaches the agent's data directory", error.Message);
        Assert.Contains($"satama grid update {_engine.Grid} --allow-bind {DataDir}", error.Message);
        Assert.False(await ExistsAsync(app.Name));
    }

    [Fact]
    public async Task A_symlink_to_the_engine_socket_is_refused_and_an_allowance_of_it_mounts_the_resolved_socket()
    {
        var link = Path.Combine(HostPathGuard.Resolve(_other.Path), "innocent.sock");
        File.CreateSymbolicLink(link, "/var/run/docker.sock");
        var app = App(Bind(link, "/var/run/docker.sock"));

        var error = await Assert.ThrowsAsync<ContainerDriverException>(() => Driver.CreateAsync(app, _engine.Node, CancellationToken.None));
        await Driver.CreateAsync(app with { AllowedBinds = [link] }, _engine.Node, CancellationToken.None);

        Assert.Contains($"bind of {link} refused: it reaches the Docker Engine socket", error.Message);
        var source = await Shell.DockerAsync("container", "inspect", "--format", "{{range .Mounts}}{{.Source}}{{end}}", app.Name);
        Assert.Equal(HostPathGuard.Resolve("/var/run/docker.sock"), source.EnsureSuccess("inspect").Stdout.Trim());
    }

    [Fact]
    public async Task A_volume_whose_driver_options_bind_the_data_dir_is_refused_before_the_volume_is_made()
    {
        var name = $"{_engine.Grid}.shop.agent";
        _volumes.Add(name);
        var volume = new MountSpec
        {
            Type = MountType.Volume, Target = "/agent", StackVolume = "agent", VolumeName = name,
            DriverOpts = new Dictionary<string, string> { ["type"] = "none", ["o"] = "bind", ["device"] = DataDir },
        };

        var error = await Assert.ThrowsAsync<ContainerDriverException>(() => Driver.CreateAsync(App(volume), _engine.Node, CancellationToken.None));

        Assert.StartsWith($"volume {name} (a bind) of {DataDir} refused: it reaches the agent's data directory", error.Message);
        Assert.NotEqual(0, (await Shell.DockerAsync("volume", "inspect", name)).ExitCode);
    }

    [Fact]
    public async Task An_existing_volume_that_binds_the_data_dir_is_refused_whatever_the_spec_says()
    {
        var name = UniqueNames.Next("satama-test-bound");
        _volumes.Add(name);
        (await Shell.DockerAsync("volume", "create", "--opt", "type=none", "--opt", "o=bind", "--opt", $"device={DataDir}", name)).EnsureSuccess("volume create");
        var external = new MountSpec { Type = MountType.Volume, Target = "/agent", StackVolume = "agent", VolumeName = name, External = true };

        var error = await Assert.ThrowsAsync<ContainerDriverException>(() => Driver.CreateAsync(App(external), _engine.Node, CancellationToken.None));

        Assert.StartsWith($"volume {name} (a bind) of {DataDir} refused", error.Message);
    }

    [Fact]
    public async Task The_reconciler_reports_the_refusal_on_the_instance_and_creates_it_once_the_grid_allows_the_path()
    {
        await using var harness = new ReconcilerHarness(output);
        harness.Start();
        var probe = harness.Web(1) with { Mounts = [Bind("/var/run/docker.sock", "/var/run/docker.sock")] };

        harness.Reconciler.SetDesired(harness.Desired(1, probe));
        var refused = await Eventually.ValueAsync(
            () => Task.FromResult(harness.Reconciler.LastReport?.Containers.SingleOrDefault()),
            l => l is { Error.Length: > 0 },
            "the refusal on the instance",
            describe: l => $"{l?.Actual?.State} error '{l?.Error}'");
        harness.Reconciler.SetDesired(harness.Desired(2, probe with { AllowedBinds = ["/var/run/docker.sock"] }));
        await harness.RunningAsync(1, "web-1 running once allowed");

        Assert.Null(refused!.Actual);
        Assert.StartsWith("bind of /var/run/docker.sock refused: it reaches the Docker Engine socket", refused.Error);
    }
}
