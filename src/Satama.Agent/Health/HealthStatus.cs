using Satama.Core.Model;

namespace Satama.Agent.Health;

/// <summary>What the agent knows of one container's health: the value, the last failure, and since when it is healthy.</summary>
internal sealed record HealthStatus(InstanceHealth Health, string Detail, DateTimeOffset? HealthySince)
{
    public static readonly HealthStatus None = new(InstanceHealth.None, "", null);
}
