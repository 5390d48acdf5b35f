namespace Satama.Client.Dtos;

/// <summary>
/// How each container of a service runs; null fields keep the defaults (no init, the image's stop signal, a 2 s stop
/// grace period). Init runs tini as PID 1; StopGracePeriodSeconds is the wait between the stop signal and SIGKILL.
/// </summary>
public sealed record RuntimeDto(
    bool? Init = null,
    double? StopGracePeriodSeconds = null,
    string? StopSignal = null);
