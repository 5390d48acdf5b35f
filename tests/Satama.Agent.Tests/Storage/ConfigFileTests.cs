using Satama.Agent.Docker;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Storage;

/// <summary>Config files on the real engine: written by the agent, mounted read-only with their mode.</summary>
public sealed class ConfigFileTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EngineDriverScope _engine = new(output, Path.GetTempPath());

    private DockerContainerDriver Driver => _engine.Driver;

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task A_config_is_a_read_only_file_at_its_target_with_its_mode_and_goes_with_its_container()
    {
        var app = new DesiredContainerView
        {
            Name = InstanceNames.Container(_engine.Grid, "shop", "web", 1, 1),
            Grid = _engine.Grid,
            Stack = "shop",
            Service = "web",
            Image = TestImages.Busybox,
            Command = ["sleep", "3600"],
            SpecHash = "h1",
            Configs =
            [
                new ServiceConfig { Name = "site", Target = "/etc/app/site.conf", Content = "listen 80;\n" },
                new ServiceConfig { Name = "motd", Target = "/motd", Content = "hello", Mode = 0b110_100_000 },
            ],
        };

        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
        await Driver.StartAsync(app.Name, CancellationToken.None);

        var seen = await Shell.DockerAsync("exec", app.Name, "sh", "-c",
            "cat /etc/app/site.conf; stat -c %a /etc/app/site.conf /motd; cat /motd; echo; echo x >> /etc/app/site.conf 2>/dev/null || echo read-only");
        Assert.Equal(["listen 80;", "444", "640", "hello", "read-only"], seen.EnsureSuccess("exec").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await Driver.RemoveAsync(app.Name, CancellationToken.None);
        Assert.False(Directory.Exists(Path.Combine(_engine.SecretsRoot!, app.Name)));
    }
}
