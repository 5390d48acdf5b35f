// TEMPORARY stand-in for the Satama.Agent hosting API (CONTRACT.md), so the CLI compiles
// before the agent lands. The lead deletes this file when merging h-agent.
using Microsoft.Extensions.Logging;

namespace Satama.Agent;

public sealed record AgentOptions
{
    public required Uri MasterUrl { get; init; }
    public required string GridToken { get; init; }
    public string? CaFingerprint { get; init; }
    public required string NodeName { get; init; }
    public string DockerHost { get; init; } = "unix:///var/run/docker.sock";
    public required string DataDir { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public string? Address { get; init; }
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
}

public sealed class AgentRunner : IAsyncDisposable
{
    private AgentRunner()
    {
    }

    public static Task<AgentRunner> StartAsync(AgentOptions options, CancellationToken ct = default) =>
        throw new NotImplementedException("pending h-agent");

    public Task Completion => throw new NotImplementedException();

    public Task StopAsync(CancellationToken ct = default) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
