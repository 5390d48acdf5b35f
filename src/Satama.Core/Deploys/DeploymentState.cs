using Satama.Core.Model;

namespace Satama.Core.Deploys;

/// <summary>
/// What the master remembers of a service's deployments, kept with the service's status:
/// the spec its running containers were last rolled out from, the rollout in progress,
/// and the record of past ones. <see cref="RolloutDriver"/> is its only writer.
/// </summary>
public sealed record DeploymentState
{
    public const int HistoryLimit = 20;

    public static DeploymentState Empty { get; } = new();

    /// <summary>The spec of the last rollout that finished; null before the first one.</summary>
    public ServiceSpec? Deployed { get; init; }

    public RolloutState? Rollout { get; init; }

    /// <summary>Oldest first, at most <see cref="HistoryLimit"/>; the rollout in progress is not in it.</summary>
    public IReadOnlyList<DeploymentRecord> History { get; init; } = [];

    /// <summary>
    /// The highest revision ever given to the service. A rollback returns the spec to an older
    /// revision, so the next change must count from here, or it would reuse a failed one's number.
    /// </summary>
    public long HighestRevision { get; init; }
}

/// <summary>A rollout in progress towards <see cref="Target"/>.</summary>
public sealed record RolloutState
{
    public required ServiceSpec Target { get; init; }

    /// <summary>The revision a failure rolls back to; 0 for a new service (nothing to go back to).</summary>
    public long Previous { get; init; }

    public required DeploymentKind Kind { get; init; }

    public required DateTimeOffset Started { get; init; }

    /// <summary>What it does or waits for now ("web-3: health check failing for 40 s: HTTP 502 on /health").</summary>
    public string Reason { get; init; } = "";

    /// <summary>A rollback's cause: why the rollout it undoes failed.</summary>
    public string? Cause { get; init; }

    /// <summary>Slots whose target container is desired, with the moment it was asked for (its healthy deadline starts there).</summary>
    public SortedDictionary<int, DateTimeOffset> Launched { get; init; } = [];

    /// <summary>Stop-first slots to launch once the slot's old container has drained and stopped (they share a host port).</summary>
    public SortedSet<int> Queued { get; init; } = [];

    /// <summary>Containers of older revisions still desired, each on the node it runs on.</summary>
    public IReadOnlyList<OldInstance> Old { get; init; } = [];

    /// <summary>The specs the <see cref="Old"/> containers were built from, by revision.</summary>
    public SortedDictionary<long, ServiceSpec> OldSpecs { get; init; } = [];

    /// <summary>No new batch starts before this (the rollout interval).</summary>
    public DateTimeOffset? NextBatchAt { get; init; }

    /// <summary>Stopped after a failure (failure_action: pause, or a failed rollback): nothing moves until the next deploy.</summary>
    public bool Paused { get; init; }

    /// <summary>Failed once with failure_action: continue: deadlines no longer fail it.</summary>
    public bool IgnoreDeadline { get; init; }
}

/// <summary>A container of an older revision; while <see cref="DrainUntil"/> is set it is out of service and stops at that moment.</summary>
public sealed record OldInstance(int Slot, long Revision, string Node, DateTimeOffset? DrainUntil = null)
{
    public bool Draining => DrainUntil is not null;
}

public enum DeploymentKind
{
    /// <summary>The first rollout of a new service.</summary>
    Create,

    /// <summary>A new revision replaces the running one.</summary>
    Update,

    /// <summary>Back to the last revision that finished, after a failed update.</summary>
    Rollback,
}

public enum DeploymentOutcome
{
    Succeeded,
    Failed,

    /// <summary>A newer revision arrived before it finished; the newer rollout took over its containers.</summary>
    Superseded,
}

/// <summary>One finished rollout, as <c>satama service deploys</c> lists it.</summary>
public sealed record DeploymentRecord(
    long Revision,
    long Previous,
    DeploymentKind Kind,
    DeploymentOutcome Outcome,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    string Reason);
