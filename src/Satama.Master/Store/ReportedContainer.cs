namespace Satama.Master.Store;

/// <summary>One container as the agent of its node last reported it.</summary>
internal sealed record ReportedContainer(
    string Id,
    string Name,
    string Stack,
    string Service,
    int Instance,
    long Revision,
    string Image,
    string State,
    int ExitCode,
    int RestartCount,
    DateTimeOffset? StartedAt,
    string? Error,
    string? IpAddress,
    string? Health = null,
    string? HealthDetail = null,
    DateTimeOffset? HealthySince = null);
