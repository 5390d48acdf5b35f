namespace Satama.Core.Model;

/// <summary>How a health check probes an instance.</summary>
public enum HealthCheckType
{
    /// <summary>GET <see cref="HealthCheck.Path"/> on the container's IP; healthy when the status is in range.</summary>
    Http,

    /// <summary>Healthy when the container's port accepts a TCP connection.</summary>
    Tcp,

    /// <summary>Healthy when the command, run inside the container, exits 0.</summary>
    Command,
}

/// <summary>
/// A service's health check, run by the agent against each instance: every
/// <see cref="Interval"/>, after <see cref="StartPeriod"/>, each try bounded by <see cref="Timeout"/>;
/// <see cref="Retries"/> consecutive failures make an instance unhealthy.
/// </summary>
public sealed record HealthCheck
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);
    public const int DefaultRetries = 3;

    public HealthCheckType Type { get; init; } = HealthCheckType.Http;
    /// <summary>Container port probed by http and tcp checks.</summary>
    public int Port { get; init; }
    /// <summary>Path of an http check; starts with '/'.</summary>
    public string Path { get; init; } = "/";
    /// <summary>Lowest HTTP status counted healthy.</summary>
    public int ExpectedStatusMin { get; init; } = 200;
    /// <summary>Highest HTTP status counted healthy.</summary>
    public int ExpectedStatusMax { get; init; } = 399;
    /// <summary>argv of a command check.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];
    public TimeSpan Interval { get; init; } = DefaultInterval;
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
    public int Retries { get; init; } = DefaultRetries;
    public TimeSpan StartPeriod { get; init; } = TimeSpan.Zero;

    /// <summary>Every problem with the check, prefixed "health check: ".</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Interval <= TimeSpan.Zero)
        {
            errors.Add("health check: interval must be greater than 0");
        }
        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add("health check: timeout must be greater than 0");
        }
        if (Retries < 1)
        {
            errors.Add($"health check: retries must be at least 1, not {Retries}");
        }
        if (StartPeriod < TimeSpan.Zero)
        {
            errors.Add("health check: start period must not be negative");
        }
        switch (Type)
        {
            case HealthCheckType.Http:
                CheckPort(errors);
                if (!Path.StartsWith('/'))
                {
                    errors.Add($"health check: path '{Path}' must start with '/'");
                }
                if (ExpectedStatusMin is < 100 or > 599 || ExpectedStatusMax is < 100 or > 599 || ExpectedStatusMin > ExpectedStatusMax)
                {
                    errors.Add($"health check: expected status {ExpectedStatusMin}-{ExpectedStatusMax} is not a range within 100-599");
                }
                break;
            case HealthCheckType.Tcp:
                CheckPort(errors);
                break;
            case HealthCheckType.Command:
                if (Command.Count == 0 || Command[0].Length == 0)
                {
                    errors.Add("health check: a command check needs a command");
                }
                break;
            default:
                errors.Add($"health check: type '{Type}' is not http, tcp or command");
                break;
        }
        return errors;
    }

    private void CheckPort(List<string> errors)
    {
        if (Port is < 1 or > 65535)
        {
            errors.Add($"health check: port {Port} is out of range 1-65535");
        }
    }
}
