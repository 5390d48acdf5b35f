using System.Globalization;
using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>A stack service's container runtime keys (<c>init</c>, <c>stop_grace_period</c>, <c>stop_signal</c>, limits, ...) as a <see cref="RuntimeSpec"/>.</summary>
public static class StackRuntimeMapper
{
    /// <summary>The parser has checked every value; one that still does not read is left at its default.</summary>
    public static RuntimeSpec ToRuntime(StackServiceSpec svc) => new()
    {
        Init = svc.Init ?? false,
        StopGracePeriod = Durations.TryParse(svc.StopGracePeriod, out var grace) ? grace : null,
        StopSignal = svc.StopSignal,
        // deploy.resources.limits and the service-level keys must agree (the parser checks), so either will do.
        MemoryBytes = StackPlacementMapper.Bytes(svc.Deploy?.Resources?.Limits?.Memory ?? svc.MemLimit),
        NanoCpus = NanoCpus(svc.Deploy?.Resources?.Limits?.Cpus ?? svc.Cpus),
        CpuShares = svc.CpuShares ?? 0,
        User = svc.User,
        WorkingDir = svc.WorkingDir,
        Hostname = svc.Hostname,
        Labels = new Dictionary<string, string>(svc.Labels, StringComparer.Ordinal),
        ReadOnly = svc.ReadOnly ?? false,
        Tmpfs = [.. svc.Tmpfs],
        CapAdd = [.. svc.CapAdd],
        CapDrop = [.. svc.CapDrop],
        Privileged = svc.Privileged ?? false,
        ExtraHosts = [.. svc.ExtraHosts.Select(ExtraHost)],
        ShmSizeBytes = StackPlacementMapper.Bytes(svc.ShmSize),
        Sysctls = new Dictionary<string, string>(svc.Sysctls, StringComparer.Ordinal),
        Ulimits = [.. svc.Ulimits.Select(u => Ulimit(u.Key, u.Value))],
        Dns = [.. svc.Dns],
        DnsSearch = [.. svc.DnsSearch],
        Devices = [.. svc.Devices],
        Pid = svc.Pid,
        LogDriver = svc.Logging?.Driver,
        LogOptions = new Dictionary<string, string>(svc.Logging?.Options ?? ValueMap<string>.Empty, StringComparer.Ordinal),
    };

    /// <summary>Compose writes <c>host:ip</c> or <c>host=ip</c>; Docker takes the first.</summary>
    public static string ExtraHost(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        return equals > 0 && (colon < 0 || equals < colon) ? entry[..equals] + ":" + entry[(equals + 1)..] : entry;
    }

    /// <summary>"soft:hard" or one number for both, as the parser keeps them.</summary>
    public static UlimitSpec Ulimit(string name, string value)
    {
        var parts = value.Split(':');
        var soft = long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var hard = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var h) ? h : soft;
        return new UlimitSpec(name, soft, hard);
    }

    private static long NanoCpus(string? cpus) =>
        double.TryParse(cpus, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (long)Math.Round(Math.Min(value, 1e9) * 1e9)
            : 0;
}
