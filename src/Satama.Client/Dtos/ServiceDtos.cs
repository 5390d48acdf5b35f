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
    string? Stack = null);

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
    DateTimeOffset? StartedAt);

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
    IReadOnlyList<string> Problems);
