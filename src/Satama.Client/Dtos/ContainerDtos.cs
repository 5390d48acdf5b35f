namespace Satama.Client.Dtos;

public sealed record ContainerDto(
    string Id,
    string Name,
    string Node,
    string Grid,
    string Stack,
    string Service,
    int Instance,
    string Image,
    string State,
    int RestartCount,
    long Revision,
    int? ExitCode,
    string? IpAddress,
    DateTimeOffset? StartedAt);

public sealed record ExecRequest(IReadOnlyList<string> Command, int TimeoutSeconds = 60);

public sealed record ExecResultDto(int ExitCode, string Stdout, string Stderr);
