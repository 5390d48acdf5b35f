namespace Satama.Core.Stacks.Model;

/// <summary>
/// A health check: Compose's <c>healthcheck</c> (a command) or Kontena's <c>health_check</c> (http or tcp).
/// Durations are Compose strings ("30s", "1m30s").
/// </summary>
public sealed record HealthCheckSpec
{
    public const string CommandKind = "command";
    public const string HttpKind = "http";
    public const string TcpKind = "tcp";
    public const string NoneKind = "none";

    /// <summary>command | http | tcp | none (disabled, also the image's).</summary>
    public required string Kind { get; init; }

    /// <summary>For command: ["CMD", args…] or ["CMD-SHELL", script].</summary>
    public ValueList<string>? Test { get; init; }
    public int? Port { get; init; }

    /// <summary>For http: the path asked, e.g. /health.</summary>
    public string? Path { get; init; }
    public string? Interval { get; init; }
    public string? Timeout { get; init; }
    public int? Retries { get; init; }

    /// <summary>Compose start_period, Kontena initial_delay.</summary>
    public string? StartPeriod { get; init; }
}
