namespace Satama.Client.Dtos;

/// <summary>
/// How each container of a service runs; null fields keep the defaults (no init, the image's stop signal, a 2 s stop
/// grace period, no limits). Init runs tini as PID 1; StopGracePeriodSeconds is the wait between the stop signal and SIGKILL;
/// MemoryBytes, Cpus (a fraction of CPUs, e.g. 0.5) and CpuShares limit the container.
/// </summary>
public sealed record RuntimeDto(
    bool? Init = null,
    double? StopGracePeriodSeconds = null,
    string? StopSignal = null,
    long? MemoryBytes = null,
    double? Cpus = null,
    int? CpuShares = null);
