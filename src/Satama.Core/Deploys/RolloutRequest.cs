namespace Satama.Core.Deploys;

/// <summary>
/// Everything the planner needs for one step of a rolling deploy of one service to
/// <see cref="TargetRevision"/>. Time is a parameter (<see cref="Now"/>), never read from a clock.
/// </summary>
public sealed record RolloutRequest
{
    public const double DefaultMinHealth = 0.8;
    public static readonly TimeSpan DefaultHealthyDeadline = TimeSpan.FromMinutes(2);

    /// <summary>Service name, for messages ("web-3: ...").</summary>
    public required string Service { get; init; }
    /// <summary>Desired instance count N: slots 1..N. Instances in higher slots are ignored (scaling is not a rollout).</summary>
    public required int Instances { get; init; }
    /// <summary>The slot numbers when they are not 1..N (a daemon numbers across nodes; unplaced slots are left out); N of them.</summary>
    public IReadOnlyList<int>? SlotNumbers { get; init; }
    public required long TargetRevision { get; init; }
    /// <summary>Where a failed rollout goes back to.</summary>
    public required long PreviousRevision { get; init; }
    public required IReadOnlyList<RolloutInstanceView> Existing { get; init; }
    public required DateTimeOffset Now { get; init; }
    public RolloutOrder Order { get; init; } = RolloutOrder.StartFirst;
    /// <summary>Never fewer than ceil(MinHealth × N) slots healthy (0..1).</summary>
    public double MinHealth { get; init; } = DefaultMinHealth;
    /// <summary>Compose update_config.parallelism: at most this many replacements at once. Null: from MinHealth.</summary>
    public int? Parallelism { get; init; }
    /// <summary>A new instance not healthy this long after it was created fails the rollout.</summary>
    public TimeSpan HealthyDeadline { get; init; } = DefaultHealthyDeadline;

    /// <summary>ceil(MinHealth × N): the healthy slots the rollout must keep.</summary>
    public int RequiredHealthy => Math.Clamp((int)Math.Ceiling((Math.Clamp(MinHealth, 0, 1) * Instances) - 1e-9), 0, Instances);

    /// <summary>
    /// The floor actually kept. Stop-first must take a slot down to replace it, so when
    /// ceil(MinHealth × N) is all of N (N ≤ 4 at 0.8) it keeps N − 1: one at a time.
    /// </summary>
    public int Floor => Order == RolloutOrder.StopFirst ? Math.Min(RequiredHealthy, Math.Max(Instances - 1, 0)) : RequiredHealthy;

    /// <summary>Replacements in flight at once: Parallelism, else N − floor, at least 1.</summary>
    public int BatchSize => Math.Max(1, Parallelism ?? (Instances - RequiredHealthy));
}
