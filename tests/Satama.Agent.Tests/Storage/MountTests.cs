using Satama.Agent.Docker;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Storage;

/// <summary>Volumes, bind mounts and tmpfs mounts on the real engine.</summary>
public sealed class MountTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EngineDriverScope _engine = new(output);
    private readonly List<string> _volumes = [];

    private DockerContainerDriver Driver => _engine.Driver;

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        var labelled = await Shell.DockerAsync("volume", "ls", "-q", "--filter", $"label={SatamaLabels.Grid}={_engine.Grid}");
        var volumes = labelled.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Concat(_volumes).Distinct().ToList();
        if (volumes.Count > 0)
        {
            await Shell.DockerAsync(["volume", "rm", "-f", .. volumes]);
        }
    }

    private DesiredContainerView App(long revision, string hash, params MountSpec[] mounts) => new()
    {
        Name = InstanceNames.Container(_engine.Grid, "shop", "db", 1, revision),
        Grid = _engine.Grid,
        Stack = "shop",
        Service = "db",
        Revision = revision,
        Image = TestImages.Busybox,
        Command = ["sleep", "3600"],
        SpecHash = hash,
        Mounts = mounts,
    };

    private MountSpec Named(string target = "/data") => new()
    {
        Type = MountType.Volume,
        Target = target,
        StackVolume = "data",
        VolumeName = $"{_engine.Grid}.shop.data",
    };

    private async Task RunAsync(DesiredContainerView app)
    {
        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
        await Driver.StartAsync(app.Name, CancellationToken.None);
    }

    private static async Task<Shell.Result> ExecAsync(string name, string script) => await Shell.DockerAsync("exec", name, "sh", "-c", script);

    [Fact]
    public async Task A_file_in_a_named_volume_is_seen_by_the_container_that_replaces_its_writer()
    {
        var first = App(1, "h1", Named());
        await RunAsync(first);
        (await ExecAsync(first.Name, "echo kept > /data/file")).EnsureSuccess("write");

        await Driver.RemoveAsync(first.Name, CancellationToken.None);
        var second = App(2, "h2", Named()) with { Env = new Dictionary<string, string> { ["CHANGED"] = "1" } };
        await RunAsync(second);

        Assert.Equal("kept", (await ExecAsync(second.Name, "cat /data/file")).EnsureSuccess("read").Stdout.Trim());
        var labels = await Shell.DockerAsync("volume", "inspect", "--format", "{{index .Labels \"io.satama.grid\"}} {{index .Labels \"io.satama.stack\"}} {{index .Labels \"io.satama.volume\"}} {{.Driver}}", $"{_engine.Grid}.shop.data");
        Assert.Equal($"{_engine.Grid} shop data local", labels.EnsureSuccess("volume inspect").Stdout.Trim());
    }

    [Fact]
    public async Task Driver_options_reach_a_created_volume()
    {
        var tmpfs = Named() with { DriverOpts = new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs", ["o"] = "size=1m" } };
        var app = App(1, "h1", tmpfs);

        await RunAsync(app);

        Assert.Contains("tmpfs", (await ExecAsync(app.Name, "grep ' /data ' /proc/mounts")).EnsureSuccess("mounts").Stdout);
        Assert.Equal("map[device:tmpfs o:size=1m type:tmpfs]", (await Shell.DockerAsync("volume", "inspect", "--format", "{{.Options}}", $"{_engine.Grid}.shop.data")).Stdout.Trim());
    }

    [Fact]
    public async Task A_read_only_bind_mount_shows_the_host_files_and_refuses_writes()
    {
        using var host = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(host.Path, "conf"), "from-host");
        var app = App(1, "h1", new MountSpec { Type = MountType.Bind, Source = host.Path, Target = "/etc/app", ReadOnly = true });

        await RunAsync(app);

        Assert.Equal("from-host", (await ExecAsync(app.Name, "cat /etc/app/conf")).EnsureSuccess("read").Stdout.Trim());
        var write = await ExecAsync(app.Name, "echo x > /etc/app/new");
        Assert.NotEqual(0, write.ExitCode);
        Assert.Contains("Read-only", write.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(host.Path, "new")));
    }

    [Fact]
    public async Task A_tmpfs_mount_is_a_tmpfs_and_an_anonymous_volume_goes_with_its_container()
    {
        var app = App(1, "h1", new MountSpec { Type = MountType.Tmpfs, Target = "/scratch" }, new MountSpec { Type = MountType.Volume, Target = "/cache" });

        await RunAsync(app);

        Assert.StartsWith("tmpfs", (await ExecAsync(app.Name, "grep ' /scratch ' /proc/mounts")).EnsureSuccess("mounts").Stdout.Trim(), StringComparison.Ordinal);
        var anonymous = (await Shell.DockerAsync("inspect", "--format", "{{range .Mounts}}{{if eq .Destination \"/cache\"}}{{.Name}}{{end}}{{end}}", app.Name)).EnsureSuccess("inspect").Stdout.Trim();
        Assert.NotEmpty(anonymous);
        _volumes.Add(anonymous);
        await Driver.RemoveAsync(app.Name, CancellationToken.None);
        Assert.NotEqual(0, (await Shell.DockerAsync("volume", "inspect", anonymous)).ExitCode);
    }

    [Fact]
    public async Task An_external_volume_is_used_as_it_is_and_a_missing_one_fails_clearly()
    {
        var name = UniqueNames.Next("ext");
        var external = new MountSpec { Type = MountType.Volume, Target = "/data", StackVolume = "data", VolumeName = name, External = true };

        var missing = await Assert.ThrowsAsync<ContainerDriverException>(() => Driver.CreateAsync(App(1, "h1", external), _engine.Node, CancellationToken.None));
        Assert.Contains($"external volume {name}", missing.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist on node", missing.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Shell.DockerAsync("volume", "inspect", name)).ExitCode);

        _volumes.Add(name);
        (await Shell.DockerAsync("volume", "create", name)).EnsureSuccess("volume create");
        var app = App(1, "h1", external);
        await RunAsync(app);
        Assert.Equal("", (await Shell.DockerAsync("volume", "inspect", "--format", "{{index .Labels \"io.satama.grid\"}}", name)).Stdout.Trim());
        Assert.Equal(0, (await ExecAsync(app.Name, "touch /data/x")).ExitCode);
    }
}
