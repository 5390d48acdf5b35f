using Satama.Agent.Docker;

namespace Satama.Agent.Health;

/// <summary>The engine operations health checks need: inspect for the target, exec for command checks.</summary>
internal interface IHealthDriver
{
    /// <summary>The container's health target, or null when it is gone.</summary>
    Task<HealthTarget?> InspectHealthAsync(string nameOrId, CancellationToken ct);

    Task<ExecOutcome> ExecAsync(string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct);
}
