using System.Text.RegularExpressions;

namespace Satama.Core.Model;

/// <summary>Checks a service's <see cref="RuntimeSpec"/> and returns every problem at once.</summary>
public static partial class RuntimeValidator
{
    /// <summary>The longest stop grace period: a removal waits this long at most.</summary>
    public static readonly TimeSpan MaxStopGracePeriod = TimeSpan.FromHours(1);

    [GeneratedRegex("^(SIG)?[A-Z][A-Z0-9]*([+-][0-9]+)?$")]
    private static partial Regex SignalName();

    public static IReadOnlyList<string> Validate(RuntimeSpec runtime)
    {
        var errors = new List<string>();
        if (runtime.StopGracePeriod is { } grace && (grace < TimeSpan.Zero || grace > MaxStopGracePeriod))
        {
            errors.Add($"stop grace period must be from 0 to 3600 seconds, not {grace.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        if (runtime.StopSignal is { } signal && CheckSignal(signal) is { } signalError)
        {
            errors.Add(signalError);
        }
        if (runtime.MemoryBytes < 0 || (runtime.MemoryBytes > 0 && runtime.MemoryBytes < MinMemoryBytes))
        {
            errors.Add(MemoryError(runtime.MemoryBytes));
        }
        if (runtime.NanoCpus < 0 || (runtime.NanoCpus > 0 && runtime.NanoCpus < MinNanoCpus))
        {
            errors.Add($"cpu limit must be at least 0.01 CPUs, not {(runtime.NanoCpus / 1e9).ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        if (runtime.CpuShares != 0 && runtime.CpuShares is < 2 or > 262144)
        {
            errors.Add($"cpu shares must be from 2 to 262144, not {runtime.CpuShares.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        CheckSettings(runtime, errors);
        CheckHostOptions(runtime, errors);
        return errors;
    }

    /// <summary>Docker refuses a memory limit under 6 MiB.</summary>
    public const long MinMemoryBytes = 6L << 20;

    /// <summary>Docker's smallest CPU limit, 0.01 CPUs.</summary>
    public const long MinNanoCpus = 10_000_000;

    public static string MemoryError(long bytes) =>
        $"memory limit must be at least 6m (6 MiB), not {bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes";

    /// <summary>Null when <paramref name="signal"/> is a signal name (SIGINT, INT, SIGRTMIN+3) or number (1-64).</summary>
    public static string? CheckSignal(string signal)
    {
        if (int.TryParse(signal, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 1 and <= 64 ? null : $"stop signal number must be from 1 to 64, not {signal}";
        }
        return signal.Length <= 32 && SignalName().IsMatch(signal)
            ? null
            : $"stop signal `{signal}` is not a signal name like SIGTERM or SIGINT (upper case) or a number";
    }
}
