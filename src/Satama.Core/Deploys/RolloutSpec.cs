namespace Satama.Core.Deploys;

/// <summary>
/// How a new revision of a service replaces the running one (Compose <c>deploy.update_config</c>,
/// Kontena <c>deploy</c>). Defaults give zero downtime: start-first where possible, 80% healthy.
/// </summary>
public sealed record RolloutSpec
{
    /// <summary>The drain of a service the load balancer routes to: its in-flight requests through the LB finish.</summary>
    public static readonly TimeSpan DefaultLbDrain = TimeSpan.FromSeconds(3);

    /// <summary>The drain of any other service: DNS answers without the instance on every node well within it.</summary>
    public static readonly TimeSpan DefaultDrain = TimeSpan.FromSeconds(1);

    public static RolloutSpec Default { get; } = new();

    /// <summary>Never fewer than this fraction of instances healthy (0..1).</summary>
    public double MinHealth { get; init; } = RolloutRequest.DefaultMinHealth;

    /// <summary>At most this many replacements at once; null: from <see cref="MinHealth"/>.</summary>
    public int? Parallelism { get; init; }

    /// <summary>Pause between batches (Compose <c>delay</c>, Kontena <c>interval</c>).</summary>
    public TimeSpan Interval { get; init; }

    /// <summary>Null: start-first unless the service binds a fixed host port or writes a named volume (<see cref="RolloutOrders.For"/>).</summary>
    public RolloutOrder? Order { get; init; }

    public FailureAction FailureAction { get; init; } = FailureAction.Rollback;

    /// <summary>A new instance not healthy this long after it was started fails the rollout (Compose <c>monitor</c>).</summary>
    public TimeSpan HealthyDeadline { get; init; } = RolloutRequest.DefaultHealthyDeadline;

    /// <summary>
    /// How long an instance is out of load balancing and DNS before it is stopped, so in-flight requests finish;
    /// null: <see cref="DefaultLbDrain"/> for a service with an <c>lb:</c>, else <see cref="DefaultDrain"/>.
    /// </summary>
    public TimeSpan? Drain { get; init; }

    /// <summary>The drain a service's rollouts use (see <see cref="Drain"/>).</summary>
    public static TimeSpan DrainOf(Model.ServiceSpec spec) => spec.Rollout.Drain ?? (spec.Lb is null ? DefaultDrain : DefaultLbDrain);
}
