using System.Globalization;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Service;

/// <summary>A service's container settings in one line for `service show`; null when all are the defaults.</summary>
internal static class RuntimeText
{
    // "init, stop SIGINT after 30 s, memory 512 MiB, cpus 0.5, user app, read-only, cap_add NET_ADMIN"
    public static string? Describe(RuntimeDto? r)
    {
        if (r is null)
        {
            return null;
        }
        var parts = new List<string>();
        Add(parts, r.Init == true, "init");
        if (r.StopSignal is not null || r.StopGracePeriodSeconds is not null)
        {
            parts.Add($"stop {r.StopSignal ?? "SIGTERM"} then SIGKILL after {N(r.StopGracePeriodSeconds ?? 2)} s");
        }
        Add(parts, r.MemoryBytes is not null, $"memory {Size(r.MemoryBytes ?? 0)}");
        Add(parts, r.Cpus is not null, $"cpus {N(r.Cpus ?? 0)}");
        Add(parts, r.CpuShares is not null, $"cpu_shares {r.CpuShares}");
        Add(parts, r.User is not null, $"user {r.User}");
        Add(parts, r.WorkingDir is not null, $"working_dir {r.WorkingDir}");
        Add(parts, r.Hostname is not null, $"hostname {r.Hostname}");
        Add(parts, r.ReadOnly == true, "read-only");
        Add(parts, r.Privileged == true, "privileged");
        Add(parts, r.CapAdd is { Count: > 0 }, $"cap_add {Join(r.CapAdd)}");
        Add(parts, r.CapDrop is { Count: > 0 }, $"cap_drop {Join(r.CapDrop)}");
        Add(parts, r.Tmpfs is { Count: > 0 }, $"tmpfs {Join(r.Tmpfs)}");
        Add(parts, r.ExtraHosts is { Count: > 0 }, $"extra_hosts {Join(r.ExtraHosts)}");
        Add(parts, r.ShmSizeBytes is not null, $"shm_size {Size(r.ShmSizeBytes ?? 0)}");
        Add(parts, r.Sysctls is { Count: > 0 }, $"sysctls {Join(r.Sysctls?.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))}");
        Add(parts, r.Ulimits is { Count: > 0 }, $"ulimits {Join(r.Ulimits?.Select(u => $"{u.Name}={u.Soft}:{u.Hard}"))}");
        Add(parts, r.Labels is { Count: > 0 }, $"labels {Join(r.Labels?.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    // "volume shop.db.pgdata at /var/lib/postgresql/data, bind /srv/init at /init (read-only), tmpfs at /scratch"
    public static string Mounts(IReadOnlyList<MountDto> mounts) => string.Join(", ", mounts.Select(m =>
        $"{m.Type}{(m.Source is null ? (m.Type == "volume" ? " (anonymous)" : "") : " " + m.Source)}{(m.External ? " (external)" : "")} at {m.Target}{(m.ReadOnly ? " (read-only)" : "")}"));

    private static void Add(List<string> parts, bool when, string text)
    {
        if (when)
        {
            parts.Add(text);
        }
    }

    private static string Join(IEnumerable<string>? values) => string.Join(" ", values ?? []);

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{(bytes >> 30).ToString(CultureInfo.InvariantCulture)} GiB",
        >= 1L << 20 when bytes % (1L << 20) == 0 => $"{(bytes >> 20).ToString(CultureInfo.InvariantCulture)} MiB",
        >= 1L << 10 when bytes % (1L << 10) == 0 => $"{(bytes >> 10).ToString(CultureInfo.InvariantCulture)} KiB",
        _ => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
    };
}
