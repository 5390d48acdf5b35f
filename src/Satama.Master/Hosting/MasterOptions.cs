using Microsoft.Extensions.Logging;

namespace Satama.Master;

/// <summary>How to run a master: where its state lives, where it listens, how fast it judges agents dead.</summary>
public sealed record MasterOptions
{
    /// <summary>Holds satama.db, ca.crt/ca.key, server.pfx and admin-token.</summary>
    public required string DataDir { get; init; }

    /// <summary>https URLs; port 0 picks a free port (tests).</summary>
    public IReadOnlyList<string> Listen { get; init; } = ["https://127.0.0.1:7443"];

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A link silent this long is dropped and its node marked offline.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(8);

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Extra log sinks beside the console (tests capture the log to prove what it never holds).</summary>
    public IReadOnlyList<ILoggerProvider> LogSinks { get; init; } = [];

    /// <summary>How often the scheduler re-plans every grid even when nothing announced a change.</summary>
    public TimeSpan ResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a node may stay offline before its stateless instances are placed elsewhere; a service may set its own.</summary>
    public TimeSpan OfflineGracePeriod { get; init; } = TimeSpan.FromSeconds(60);
}
