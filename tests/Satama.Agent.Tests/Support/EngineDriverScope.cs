using Microsoft.Extensions.Logging;
using Satama.Agent.Docker;
using Satama.Agent.Secrets;
using Satama.Testing;

namespace Satama.Agent.Tests.Support;

/// <summary>
/// What a test class against the real engine needs: a grid and node of its own, a driver made on first use (with
/// secret and config files under a directory of its own when asked), and on disposal every container of the grid
/// removed (also when a test failed) and that directory deleted.
/// </summary>
/// <param name="output">The test's log.</param>
/// <param name="secretsParent">Where the secrets directory goes, or null for a driver without one.</param>
/// <param name="dataDir">The agent data directory the driver keeps out of containers (HostPathGuard), if any.</param>
internal sealed class EngineDriverScope(ITestOutputHelper output, string? secretsParent = null, string? dataDir = null) : IAsyncDisposable
{
    private readonly ILoggerFactory _logging = TestLogging.Create(output);
    private DockerContainerDriver? _driver;

    public string Grid { get; } = UniqueNames.Next("tg");

    public string Node { get; } = UniqueNames.Next("tn");

    /// <summary>Where the driver writes secret and config files (created by it), or null without.</summary>
    public string? SecretsRoot { get; } = secretsParent is null ? null : Path.Combine(secretsParent, UniqueNames.Next("satama-secrets-test"));

    public DockerContainerDriver Driver => _driver ??= new DockerContainerDriver(new Uri("unix:///var/run/docker.sock"),
        _logging.CreateLogger<DockerContainerDriver>(), SecretsRoot is null ? null : new SecretFiles(SecretsRoot),
        HostPathGuard.For(new Uri("unix:///var/run/docker.sock"), dataDir, SecretsRoot));

    public async ValueTask DisposeAsync()
    {
        await EngineCleanup.RemoveGridAsync(Grid);
        _driver?.Dispose();
        _logging.Dispose();
        if (SecretsRoot is not null && Directory.Exists(SecretsRoot))
        {
            Directory.Delete(SecretsRoot, recursive: true);
        }
    }
}
