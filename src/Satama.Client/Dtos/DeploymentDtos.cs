namespace Satama.Client.Dtos;

/// <summary>
/// One rollout of a service: its revision, what it replaced, its kind (create | update | rollback),
/// state (running | paused | succeeded | failed | superseded), and why it is where it is.
/// </summary>
public sealed record DeploymentDto(
    long Revision,
    long Previous,
    string Kind,
    string State,
    DateTimeOffset Started,
    DateTimeOffset? Ended,
    string Reason);

/// <summary>POST .../deploy. Force: roll out a new revision even when nothing changed (recreates every instance, rolling).</summary>
public sealed record ServiceDeployRequest(bool Force = false);

/// <summary>
/// How a service's new revisions roll out. Null fields take the defaults: min_health 0.8, parallelism from
/// min_health, no interval, order start-first unless a host port is published, failure_action rollback,
/// monitor (healthy deadline) 120 s, drain 3 s.
/// </summary>
public sealed record RolloutDto(
    double? MinHealth = null,
    int? Parallelism = null,
    double? IntervalSeconds = null,
    string? Order = null,
    string? FailureAction = null,
    double? MonitorSeconds = null,
    double? DrainSeconds = null);
