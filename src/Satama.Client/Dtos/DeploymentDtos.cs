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
