namespace Satama.Core.Doctor;

/// <summary>How bad a finding is: ok, worth fixing (warn), or unfit for production (error).</summary>
public enum DoctorLevel
{
    Ok,
    Warn,
    Error,
}

/// <summary>One check of the preflight: what it looked at, how it stands, and (unless ok) the one-line fix.</summary>
/// <param name="Check">The check's key: storage-driver, docker-version, kernel, log-rotation, clock-skew, disk-space, cgroup.</param>
/// <param name="Level">ok, warn or error.</param>
/// <param name="Message">What was found, e.g. "storage driver vfs: every layer is a full copy".</param>
/// <param name="Fix">One line that fixes it; null when ok.</param>
public sealed record DoctorFinding(string Check, DoctorLevel Level, string Message, string? Fix = null);
