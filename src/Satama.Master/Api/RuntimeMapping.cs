using System.Globalization;
using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Master.Api;

/// <summary>A service's runtime options between the API and Core; the values are checked by <see cref="RuntimeValidator"/>.</summary>
internal static class RuntimeMapping
{
    public static RuntimeSpec ToSpec(RuntimeDto? dto, List<string> errors)
    {
        if (dto is null)
        {
            return RuntimeSpec.Default;
        }
        TimeSpan? grace = null;
        if (dto.StopGracePeriodSeconds is { } seconds)
        {
            if (double.IsFinite(seconds) && Math.Abs(seconds) <= RuntimeValidator.MaxStopGracePeriod.TotalSeconds * 2)
            {
                grace = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                errors.Add($"stop grace period must be from 0 to 3600 seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
            }
        }
        return new RuntimeSpec
        {
            Init = dto.Init ?? false,
            StopGracePeriod = grace,
            StopSignal = string.IsNullOrWhiteSpace(dto.StopSignal) ? null : dto.StopSignal.Trim(),
            MemoryBytes = dto.MemoryBytes ?? 0,
            NanoCpus = NanoCpus(dto.Cpus, errors),
            CpuShares = dto.CpuShares ?? 0,
        };
    }

    private static long NanoCpus(double? cpus, List<string> errors)
    {
        if (cpus is not { } value)
        {
            return 0;
        }
        if (!double.IsFinite(value) || value < 0 || value > 1e6)
        {
            errors.Add($"cpus must be from 0.01 to 1000000, not {value.ToString(CultureInfo.InvariantCulture)}");
            return 0;
        }
        return (long)Math.Round(value * 1e9);
    }

    /// <summary>Null for the defaults, so the answer for a service that sets nothing is unchanged.</summary>
    public static RuntimeDto? ToDto(RuntimeSpec runtime) => runtime.IsDefault ? null : new RuntimeDto(
        runtime.Init ? true : null,
        runtime.StopGracePeriod?.TotalSeconds,
        runtime.StopSignal,
        runtime.MemoryBytes > 0 ? runtime.MemoryBytes : null,
        runtime.NanoCpus > 0 ? runtime.NanoCpus / 1e9 : null,
        runtime.CpuShares > 0 ? (int)runtime.CpuShares : null);
}
