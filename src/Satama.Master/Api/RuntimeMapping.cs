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
            User = Text(dto.User),
            WorkingDir = Text(dto.WorkingDir),
            Hostname = Text(dto.Hostname),
            Labels = Map(dto.Labels, "labels", errors),
            ReadOnly = dto.ReadOnly ?? false,
            Tmpfs = List(dto.Tmpfs, "tmpfs", errors),
            CapAdd = List(dto.CapAdd, "capAdd", errors),
            CapDrop = List(dto.CapDrop, "capDrop", errors),
            Privileged = dto.Privileged ?? false,
            ExtraHosts = List(dto.ExtraHosts, "extraHosts", errors),
            ShmSizeBytes = dto.ShmSizeBytes ?? 0,
            Sysctls = Map(dto.Sysctls, "sysctls", errors),
            Ulimits = Ulimits(dto.Ulimits, errors),
        };
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // A JSON body may hold nulls where the DTO says it cannot: each is a 400, never a 500.
    private static List<string> List(IReadOnlyList<string>? values, string what, List<string> errors)
    {
        if (values is null)
        {
            return [];
        }
        if (values.Any(v => v is null))
        {
            errors.Add($"runtime: {what} has a null element");
        }
        return [.. values.Where(v => v is not null)];
    }

    private static Dictionary<string, string> Map(IReadOnlyDictionary<string, string>? values, string what, List<string> errors)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            if (value is null)
            {
                errors.Add($"runtime: {what} '{key}' has no value");
                continue;
            }
            map[key] = value;
        }
        return map;
    }

    private static List<UlimitSpec> Ulimits(IReadOnlyList<UlimitDto>? values, List<string> errors)
    {
        var list = new List<UlimitSpec>();
        foreach (var value in values ?? [])
        {
            if (value?.Name is null)
            {
                errors.Add("runtime: ulimits has an element without a name");
                continue;
            }
            list.Add(new UlimitSpec(value.Name, value.Soft, value.Hard));
        }
        return list;
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
        runtime.CpuShares > 0 ? (int)runtime.CpuShares : null,
        runtime.User,
        runtime.WorkingDir,
        runtime.Hostname,
        runtime.Labels.Count > 0 ? runtime.Labels : null,
        runtime.ReadOnly ? true : null,
        runtime.Tmpfs.Count > 0 ? runtime.Tmpfs : null,
        runtime.CapAdd.Count > 0 ? runtime.CapAdd : null,
        runtime.CapDrop.Count > 0 ? runtime.CapDrop : null,
        runtime.Privileged ? true : null,
        runtime.ExtraHosts.Count > 0 ? runtime.ExtraHosts : null,
        runtime.ShmSizeBytes > 0 ? runtime.ShmSizeBytes : null,
        runtime.Sysctls.Count > 0 ? runtime.Sysctls : null,
        runtime.Ulimits.Count > 0 ? [.. runtime.Ulimits.Select(u => new UlimitDto(u.Name, u.Soft, u.Hard))] : null);
}
