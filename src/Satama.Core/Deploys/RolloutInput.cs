using Satama.Core.Model;

namespace Satama.Core.Deploys;

/// <summary>One service at one moment, as <see cref="RolloutDriver.Advance"/> sees it.</summary>
public sealed record RolloutInput
{
    /// <summary>The stored spec: what the service should become.</summary>
    public required ServiceSpec Spec { get; init; }

    public required DeploymentState Prior { get; init; }

    /// <summary>Slot → node before this scheduling pass: where the running containers are.</summary>
    public required IReadOnlyDictionary<int, string> PriorAssignments { get; init; }

    /// <summary>Slot → node after this scheduling pass: where new containers go.</summary>
    public required IReadOnlyDictionary<int, string> Assignments { get; init; }

    /// <summary>The service's containers on online nodes, as last reported.</summary>
    public required IReadOnlyList<ObservedInstance> Observed { get; init; }

    public required DateTimeOffset Now { get; init; }
}

/// <summary>
/// The new state; <see cref="Revert"/> is the spec to store instead of the current one (a rollback);
/// <see cref="WakeAt"/> is when to look again even if nothing is reported (a drain ends, a deadline passes).
/// </summary>
public sealed record RolloutOutcome(DeploymentState State, ServiceSpec? Revert, DateTimeOffset? WakeAt, IReadOnlyList<string> Events);
