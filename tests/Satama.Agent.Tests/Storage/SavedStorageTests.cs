using Microsoft.Extensions.Logging.Abstractions;
using Satama.Agent.Reconciler;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Storage;

/// <summary>The agent's saved desired set keeps what it needs to recreate a container without its master.</summary>
public sealed class SavedStorageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Entrypoint_mounts_configs_and_host_options_survive_the_saved_desired_set()
    {
        var container = new DesiredContainerView
        {
            Name = "prod.shop.db-1",
            Grid = "prod",
            Stack = "shop",
            Service = "db",
            Image = "postgres:16",
            SpecHash = "h",
            Entrypoint = ["/bin/sh", "-c"],
            Mounts =
            [
                new MountSpec { Type = MountType.Volume, Target = "/data", VolumeName = "prod.shop.pgdata", StackVolume = "pgdata", Driver = "local", DriverOpts = new Dictionary<string, string> { ["type"] = "nfs" } },
                new MountSpec { Type = MountType.Bind, Source = "/srv/init", Target = "/init", ReadOnly = true },
                new MountSpec { Type = MountType.Tmpfs, Target = "/scratch" },
            ],
            Configs = [new ServiceConfig { Name = "site", Target = "/etc/site.conf", Content = "listen 80;", Uid = 101 }],
            Runtime = new RuntimeSpec { Dns = ["10.0.0.2"], Pid = "host", LogDriver = "local", LogOptions = new Dictionary<string, string> { ["max-size"] = "1m" } },
        };
        var files = new AgentStateFiles(_dir.Path, NullLogger.Instance);

        files.SaveDesired(new DesiredNodeView("prod", "n1", 7, [container]));
        var loaded = Assert.Single(new AgentStateFiles(_dir.Path, NullLogger.Instance).LoadDesired()!.Containers);

        Assert.Equal(container.Entrypoint, loaded.Entrypoint);
        Assert.Equal(container.Mounts, loaded.Mounts);
        Assert.Equal(container.Configs, loaded.Configs);
        Assert.Equal(container.Runtime, loaded.Runtime);
    }
}
