namespace Satama.Client.Dtos;

public sealed record PortDto(int HostPort, int ContainerPort, string Protocol = "tcp");

public sealed record ServiceCreateRequest(
    string Name,
    string Image,
    int Instances = 1,
    IReadOnlyDictionary<string, string>? Env = null,
    IReadOnlyList<PortDto>? Ports = null,
    IReadOnlyList<string>? Command = null,
    string? Restart = null,
    string? Stack = null,
    HealthCheckDto? HealthCheck = null,
    IReadOnlyList<ServiceSecretDto>? Secrets = null,
    RolloutDto? Rollout = null,
    RuntimeDto? Runtime = null);

/// <summary>
/// A service's health check, run by the agent on each instance: type http | tcp | command;
/// http needs Port and Path, tcp a Port, command a Command (argv). Null fields take the defaults
/// (status 200-399, every 5 s, 2 s timeout, 3 retries, no start period).
/// </summary>
public sealed record HealthCheckDto(
    string Type,
    int Port = 0,
    string? Path = null,
    IReadOnlyList<string>? Command = null,
    int? ExpectedStatusMin = null,
    int? ExpectedStatusMax = null,
    double? IntervalSeconds = null,
    double? TimeoutSeconds = null,
    int? Retries = null,
    double? StartPeriodSeconds = null);

public sealed record ScaleRequest(int Instances);

/// <summary>One replica slot of a service and what is known of its container.</summary>
public sealed record InstanceDto(
    string Name,
    int Number,
    string? Node,
    string? ContainerId,
    string State,
    int RestartCount,
    long Revision,
    int? ExitCode,
    string? Error,
    DateTimeOffset? StartedAt,
    string Health = "none",
    string? HealthDetail = null);

public sealed record ServiceDto(
    string Grid,
    string Stack,
    string Name,
    string Image,
    int Instances,
    int Running,
    long Revision,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<PortDto> Ports,
    IReadOnlyList<string> Command,
    string Restart,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    IReadOnlyList<InstanceDto> InstanceList,
    IReadOnlyList<string> Problems,
    int Healthy = 0,
    HealthCheckDto? HealthCheck = null,
    DeploymentDto? Deployment = null,
    long DeployedRevision = 0,
    DeploymentDto? LastDeployment = null,
    RolloutDto? Rollout = null,
    IReadOnlyList<ServiceSecretDto>? Secrets = null,
    RuntimeDto? Runtime = null,
    IReadOnlyList<string>? Entrypoint = null,
    IReadOnlyList<MountDto>? Mounts = null,
    IReadOnlyList<ConfigMountDto>? Configs = null);

/// <summary>
/// One mount of a service's containers (from its stack file): <c>volume</c> (Source: the Docker volume on the node,
/// null for an anonymous one), <c>bind</c> (Source: the host path) or <c>tmpfs</c>.
/// </summary>
public sealed record MountDto(string Type, string? Source, string Target, bool ReadOnly, bool External = false);

/// <summary>A config of the stack mounted as a read-only file.</summary>
public sealed record ConfigMountDto(string Name, string Target);
