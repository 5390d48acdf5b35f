using Satama.Core.Model;

namespace Satama.Agent.Health;

/// <summary>The wire HealthCheck as the Core model (zero or missing fields take the defaults).</summary>
internal static class HealthMapping
{
    public static HealthCheck ToCheck(Protocol.HealthCheck wire) => new()
    {
        Type = wire.Type switch
        {
            "tcp" => HealthCheckType.Tcp,
            "command" or "cmd" => HealthCheckType.Command,
            _ => HealthCheckType.Http,
        },
        Port = wire.Port,
        Path = wire.Path.Length > 0 ? wire.Path : "/",
        ExpectedStatusMin = wire.ExpectedStatusMin > 0 ? wire.ExpectedStatusMin : 200,
        ExpectedStatusMax = wire.ExpectedStatusMax > 0 ? wire.ExpectedStatusMax : 399,
        Command = [.. wire.Command],
        Interval = wire.IntervalMs > 0 ? TimeSpan.FromMilliseconds(wire.IntervalMs) : HealthCheck.DefaultInterval,
        Timeout = wire.TimeoutMs > 0 ? TimeSpan.FromMilliseconds(wire.TimeoutMs) : HealthCheck.DefaultTimeout,
        Retries = wire.Retries > 0 ? wire.Retries : HealthCheck.DefaultRetries,
        StartPeriod = TimeSpan.FromMilliseconds(Math.Max(0, wire.StartPeriodMs)),
    };
}
