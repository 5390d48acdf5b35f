using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Satama.Core.Model;

/// <summary>Checks of the container settings, one value at a time, so the stack parser can point at each.</summary>
public static partial class RuntimeValidator
{
    /// <summary>The ulimits Docker knows (setrlimit's resources).</summary>
    public static readonly IReadOnlySet<string> UlimitNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime",
        "sigpending", "stack",
    };

    [GeneratedRegex(@"^[^\s:]+(:[^\s:]+)?$")]
    private static partial Regex UserPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex("^(CAP_)?[A-Z][A-Z_]*$")]
    private static partial Regex CapabilityPattern();

    [GeneratedRegex(@"^[a-z0-9_]+([./][a-z0-9_-]+)+$")]
    private static partial Regex SysctlPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")]
    private static partial Regex HostAliasPattern();

    private static void CheckSettings(RuntimeSpec runtime, List<string> errors)
    {
        Add(errors, runtime.User is { } user ? CheckUser(user) : null);
        Add(errors, runtime.WorkingDir is { } dir ? CheckWorkingDir(dir) : null);
        Add(errors, runtime.Hostname is { } host ? CheckHostname(host) : null);
        foreach (var key in runtime.Labels.Keys)
        {
            Add(errors, CheckLabel(key));
        }
        foreach (var tmpfs in runtime.Tmpfs)
        {
            Add(errors, CheckTmpfs(tmpfs));
        }
        foreach (var cap in runtime.CapAdd.Concat(runtime.CapDrop))
        {
            Add(errors, CheckCapability(cap));
        }
        foreach (var entry in runtime.ExtraHosts)
        {
            Add(errors, CheckExtraHost(entry));
        }
        if (runtime.ShmSizeBytes < 0)
        {
            errors.Add($"shm size must not be negative, not {runtime.ShmSizeBytes.ToString(CultureInfo.InvariantCulture)}");
        }
        foreach (var key in runtime.Sysctls.Keys)
        {
            Add(errors, CheckSysctl(key));
        }
        foreach (var group in runtime.Ulimits.GroupBy(u => u.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"ulimit `{group.Key}` is set more than once");
        }
        foreach (var limit in runtime.Ulimits)
        {
            Add(errors, CheckUlimit(limit));
        }
    }

    public static string? CheckUser(string user) =>
        UserPattern().IsMatch(user) ? null : $"user `{user}` is not user[:group] (names or ids, no spaces)";

    public static string? CheckWorkingDir(string dir) =>
        dir.StartsWith('/') && !dir.Contains('\0', StringComparison.Ordinal) ? null : $"working_dir `{dir}` is not an absolute path";

    public static string? CheckHostname(string host) =>
        HostnamePattern().IsMatch(host) ? null : $"hostname `{host}` is not a host name (letters, digits and '-', dot-separated, at most 63 per part)";

    public static string? CheckLabel(string key) =>
        key.StartsWith(SatamaLabels.Prefix, StringComparison.Ordinal)
            ? $"label `{key}` is reserved: {SatamaLabels.Prefix}* labels are set by Satama"
            : key.Length == 0 || key.Any(char.IsWhiteSpace) ? $"label `{key}` is not a label name (non-empty, no spaces)" : null;

    public static string? CheckTmpfs(string tmpfs)
    {
        var path = tmpfs.Split(':', 2)[0];
        return path.StartsWith('/') && !path.Any(char.IsWhiteSpace) ? null : $"tmpfs `{tmpfs}` is not an absolute path (with options after ':', e.g. /run:size=64m)";
    }

    public static string? CheckCapability(string cap) =>
        CapabilityPattern().IsMatch(cap) ? null : $"capability `{cap}` is not a capability name like NET_ADMIN or ALL";

    /// <summary>host:ip (an IPv6 address after the first colon) or host-gateway, Docker's alias for the host.</summary>
    public static string? CheckExtraHost(string entry)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && HostAliasPattern().IsMatch(entry[..colon]) && (entry[(colon + 1)..] == "host-gateway" || IPAddress.TryParse(entry[(colon + 1)..], out _)))
        {
            return null;
        }
        return $"extra host `{entry}` is not host:ip (e.g. metadata:169.254.169.254)";
    }

    public static string? CheckSysctl(string key) =>
        SysctlPattern().IsMatch(key) ? null : $"sysctl `{key}` is not a kernel parameter name like net.core.somaxconn";

    public static string? CheckUlimit(UlimitSpec limit)
    {
        if (!UlimitNames.Contains(limit.Name))
        {
            return $"ulimit `{limit.Name}` is unknown: use one of {string.Join(", ", UlimitNames.Order(StringComparer.Ordinal))}";
        }
        if (limit.Soft < -1 || limit.Hard < -1)
        {
            return $"ulimit `{limit.Name}`: -1 (unlimited) is the smallest value";
        }
        return limit.Hard != -1 && (limit.Soft == -1 || limit.Soft > limit.Hard)
            ? $"ulimit `{limit.Name}`: soft limit {limit.Soft.ToString(CultureInfo.InvariantCulture)} is above hard limit {limit.Hard.ToString(CultureInfo.InvariantCulture)}"
            : null;
    }

    private static void Add(List<string> errors, string? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
