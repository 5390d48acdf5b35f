// TEMPORARY stand-in for the Satama.Master hosting API (CONTRACT.md), so the CLI compiles
// before the master lands. The lead deletes this file when merging h-master.
using Microsoft.Extensions.Logging;

namespace Satama.Master;

public sealed record MasterOptions
{
    public required string DataDir { get; init; }
    public IReadOnlyList<string> Listen { get; init; } = ["https://127.0.0.1:7443"];
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(8);
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
}

public sealed class MasterServer : IAsyncDisposable
{
    private MasterServer()
    {
    }

    public static Task<MasterServer> StartAsync(MasterOptions options, CancellationToken ct = default) =>
        throw new NotImplementedException("pending h-master");

    public Uri Url => throw new NotImplementedException();
    public string CaFingerprint => throw new NotImplementedException();
    public string AdminTokenPath => throw new NotImplementedException();
    public string AdminToken => throw new NotImplementedException();
    public Task Completion => throw new NotImplementedException();

    public Task StopAsync(CancellationToken ct = default) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
