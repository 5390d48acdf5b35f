using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// Everything the placer may look at: the service to place, the grid's nodes and the
/// current assignments of every service in the grid (this one included). Time and
/// randomness come in here too, so a plan is a function of its request.
/// </summary>
public sealed record PlacementRequest(ServiceSpec Service, IReadOnlyList<NodeView> Nodes, IReadOnlyList<InstanceView> Existing)
{
    /// <summary>Seeds the random strategy and the candidate order of large grids; mixed with the service's name.</summary>
    public ulong Seed { get; init; }

    /// <summary>The time the plan is made at; null: never reschedule off an offline node.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The grid's grace period, used when the service sets none.</summary>
    public TimeSpan GridGracePeriod { get; init; } = PlacementSpec.DefaultGracePeriod;
}
