namespace Satama.Client.Dtos;

/// <summary>
/// How each container of a service runs; null fields keep the defaults (no init, the image's stop signal, a 2 s stop
/// grace period, no limits, the image's user and working dir). Init runs tini as PID 1; StopGracePeriodSeconds is the
/// wait between the stop signal and SIGKILL; MemoryBytes, Cpus (a fraction of CPUs, e.g. 0.5) and CpuShares limit the
/// container. The rest are Docker's container settings as a stack file writes them (see docs/stack-file.md):
/// Tmpfs entries are /path[:options], ExtraHosts host:ip, Labels must not start with io.satama.
/// </summary>
public sealed record RuntimeDto(
    bool? Init = null,
    double? StopGracePeriodSeconds = null,
    string? StopSignal = null,
    long? MemoryBytes = null,
    double? Cpus = null,
    int? CpuShares = null,
    string? User = null,
    string? WorkingDir = null,
    string? Hostname = null,
    IReadOnlyDictionary<string, string>? Labels = null,
    bool? ReadOnly = null,
    IReadOnlyList<string>? Tmpfs = null,
    IReadOnlyList<string>? CapAdd = null,
    IReadOnlyList<string>? CapDrop = null,
    bool? Privileged = null,
    IReadOnlyList<string>? ExtraHosts = null,
    long? ShmSizeBytes = null,
    IReadOnlyDictionary<string, string>? Sysctls = null,
    IReadOnlyList<UlimitDto>? Ulimits = null);

/// <summary>One ulimit (nofile, nproc, ...); -1 is unlimited.</summary>
public sealed record UlimitDto(string Name, long Soft, long Hard);
