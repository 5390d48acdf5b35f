namespace Satama.Core.Model;

/// <summary>What the agent's health check says of an instance.</summary>
public enum InstanceHealth
{
    /// <summary>Not known: the container is not running, or no report yet.</summary>
    None,

    /// <summary>Running, but not yet passed its check (or still in its start period).</summary>
    Starting,

    Healthy,

    /// <summary>Failed its check <see cref="HealthCheck.Retries"/> times in a row.</summary>
    Unhealthy,
}

public static class InstanceHealths
{
    public static string ToWire(this InstanceHealth health) => health switch
    {
        InstanceHealth.None => "none",
        InstanceHealth.Starting => "starting",
        InstanceHealth.Healthy => "healthy",
        InstanceHealth.Unhealthy => "unhealthy",
        _ => throw new ArgumentOutOfRangeException(nameof(health)),
    };

    /// <summary>Reads none | starting | healthy | unhealthy; anything else (and null) is None.</summary>
    public static InstanceHealth Parse(string? text) => text switch
    {
        "starting" => InstanceHealth.Starting,
        "healthy" => InstanceHealth.Healthy,
        "unhealthy" => InstanceHealth.Unhealthy,
        _ => InstanceHealth.None,
    };
}
