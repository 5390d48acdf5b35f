using System.Text;
using Satama.Agent.Docker;
using Satama.Agent.Reconciler;
using Satama.Agent.Tests.Support;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;

namespace Satama.Agent.Tests.Secrets;

/// <summary>Secrets on the real engine: env at create, files on a private tmpfs bind-mounted read-only, nothing in inspect.</summary>
public sealed class SecretDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string EnvValue = "env-value-3a9c", FileValue = "file-value-81d2";
    private readonly EngineDriverScope _engine = new(output, "/dev/shm");

    private DockerContainerDriver Driver => _engine.Driver;

    public async Task InitializeAsync() => await TestImages.BusyboxAsync();

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
    }

    private DesiredContainerView App(params DesiredSecretView[] secrets) => new()
    {
        Name = InstanceNames.Container(_engine.Grid, "null", "app", 1, 1),
        Grid = _engine.Grid,
        Service = "app",
        Image = TestImages.Busybox,
        Command = ["sleep", "300"],
        SpecHash = "h1",
        Secrets = secrets,
    };

    private static DesiredSecretView Env(string value) =>
        new() { Secret = "pw", Type = SecretDeliveryType.Env, Target = "PW", Value = Encoding.UTF8.GetBytes(value) };

    private static DesiredSecretView FileSecret(string value, int mode = ServiceSecret.DefaultMode) =>
        new() { Secret = "tls", Target = "/run/secrets/tls.pem", Mode = mode, Value = Encoding.UTF8.GetBytes(value) };

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Env_goes_into_the_environment_and_a_file_is_mounted_read_only_without_entering_inspect()
    {
        var app = App(Env(EnvValue), FileSecret(FileValue, 0b100_100_000));

        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
        await Driver.StartAsync(app.Name, CancellationToken.None);
        var seen = await Shell.DockerAsync("exec", app.Name, "sh", "-c", "echo $PW; cat /run/secrets/tls.pem; echo; stat -c %a /run/secrets/tls.pem; echo x > /run/secrets/tls.pem || echo read-only");
        var inspect = (await Shell.DockerAsync("inspect", app.Name)).EnsureSuccess("inspect").Stdout;
        var hostDir = Path.Combine(_engine.SecretsRoot!, app.Name);

        Assert.Equal($"{EnvValue}\n{FileValue}\n440\nread-only", seen.Stdout.Trim());
        Assert.DoesNotContain(FileValue, inspect, StringComparison.Ordinal);
        Assert.Contains(EnvValue, inspect, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(hostDir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_engine.SecretsRoot!));
        Assert.Equal(FileValue, await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(hostDir))));

        await Driver.RemoveAsync(app.Name, CancellationToken.None);

        Assert.False(Directory.Exists(hostDir));
    }

    [Fact]
    public async Task A_secret_that_was_not_delivered_keeps_the_container_from_being_created_and_the_error_names_it()
    {
        var notSent = FileSecret(FileValue) with { Value = null };
        var missing = Env(EnvValue) with { Value = null, Missing = "vault secret 'pw' does not exist in grid 'g'" };

        var first = await Assert.ThrowsAsync<ContainerDriverException>(() => Driver.CreateAsync(App(notSent), _engine.Node, CancellationToken.None));
        var second = await Assert.ThrowsAsync<ContainerDriverException>(() => Driver.CreateAsync(App(missing), _engine.Node, CancellationToken.None));

        Assert.Contains("vault secret 'tls' is not delivered yet", first.Message);
        Assert.Contains("vault secret 'pw' does not exist", second.Message);
        Assert.Empty(await Driver.ListAsync(_engine.Grid, _engine.Node, CancellationToken.None));
    }

    [Fact]
    public async Task Files_emptied_by_a_reboot_are_put_back_before_a_restart_and_kept_when_the_value_is_not_at_hand()
    {
        var app = App(FileSecret(FileValue));
        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
        await Driver.StartAsync(app.Name, CancellationToken.None);
        await Shell.DockerAsync("stop", "-t", "0", app.Name);
        Directory.Delete(_engine.SecretsRoot!, recursive: true);

        var notHeld = app with { Secrets = [FileSecret(FileValue) with { Value = null }] };
        var refused = Assert.Throws<ContainerDriverException>(() => Driver.RestoreSecretFiles(notHeld));
        Driver.RestoreSecretFiles(app);
        Driver.RestoreSecretFiles(notHeld);
        await Driver.StartAsync(app.Name, CancellationToken.None);
        var seen = await Shell.DockerAsync("exec", app.Name, "cat", "/run/secrets/tls.pem");

        Assert.Contains("vault secret 'tls' is not delivered yet", refused.Message);
        Assert.Equal(FileValue, seen.EnsureSuccess("exec").Stdout);
    }

    [Fact]
    public async Task Files_of_a_container_that_is_gone_are_pruned_on_the_next_listing()
    {
        var app = App(FileSecret(FileValue));
        await Driver.CreateAsync(app, _engine.Node, CancellationToken.None);
        await Shell.DockerAsync("rm", "-f", app.Name);

        await Driver.ListAsync(_engine.Grid, _engine.Node, CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_engine.SecretsRoot!, app.Name)));
    }

    [Fact]
    public void Saved_desired_sets_and_printed_views_never_hold_a_value()
    {
        using var data = new TempDirectory("satama-agent-secrets-");
        var desired = new DesiredNodeView(_engine.Grid, _engine.Node, 3, [App(Env(EnvValue), FileSecret(FileValue))]);
        var files = new AgentStateFiles(data.Path, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        files.SaveDesired(desired);
        var saved = string.Join("\n", Directory.GetFiles(data.Path).Select(File.ReadAllText));
        var loaded = files.LoadDesired()!;

        Assert.DoesNotContain(EnvValue, saved, StringComparison.Ordinal);
        Assert.DoesNotContain(FileValue, saved, StringComparison.Ordinal);
        Assert.Contains("/run/secrets/tls.pem", saved, StringComparison.Ordinal);
        Assert.All(loaded.Containers.Single().Secrets, s => Assert.NotNull(s.Unavailable()));
        Assert.DoesNotContain(EnvValue, desired.Containers[0].Secrets[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("DesiredSecretView { Secret = tls, Type = File, Target = /run/secrets/tls.pem }", desired.Containers[0].Secrets[1].ToString());
    }
}
