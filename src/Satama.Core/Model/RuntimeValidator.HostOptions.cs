using System.Net;
using System.Text.RegularExpressions;

namespace Satama.Core.Model;

public static partial class RuntimeValidator
{
    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:/-]*$")]
    private static partial Regex LogDriverPattern();

    private static void CheckHostOptions(RuntimeSpec runtime, List<string> errors)
    {
        foreach (var error in runtime.Dns.Select(CheckDns)
            .Concat(runtime.DnsSearch.Select(CheckDnsSearch))
            .Concat(runtime.Devices.Select(CheckDevice))
            .Append(runtime.Pid is { } pid ? CheckPid(pid) : null)
            .Append(runtime.LogDriver is { } driver ? CheckLogDriver(driver) : null)
            .OfType<string>())
        {
            errors.Add(error);
        }
    }

    public static string? CheckDns(string server) =>
        IPAddress.TryParse(server, out _) ? null : $"dns server `{server}` is not an IP address (e.g. 1.1.1.1)";

    public static string? CheckDnsSearch(string domain) =>
        domain.Length <= 253 && DomainPattern().IsMatch(domain) ? null : $"dns_search domain `{domain}` is not a domain name (e.g. example.com)";

    /// <summary>HOST[:CONTAINER][:PERMISSIONS]: absolute paths, permissions from r, w, m.</summary>
    public static string? CheckDevice(string device)
    {
        var parts = device.Split(':');
        var hasPermissions = parts.Length > 1 && !parts[^1].StartsWith('/');
        var paths = hasPermissions ? parts[..^1] : parts;
        var valid = paths.Length is 1 or 2 && paths.All(p => p.StartsWith('/') && p.Length > 1)
            && (!hasPermissions || (parts[^1].Length is > 0 and <= 3 && parts[^1].All(c => c is 'r' or 'w' or 'm') && parts[^1].Distinct().Count() == parts[^1].Length));
        return valid ? null : $"device `{device}` is not HOST[:CONTAINER][:PERMISSIONS] with absolute paths and permissions from rwm (e.g. /dev/fuse or /dev/sdb:/dev/xvdb:r)";
    }

    /// <summary>Only the host's namespace: instances of a service may run on any node, so no other container's is at hand.</summary>
    public static string? CheckPid(string pid) =>
        pid == "host" ? null : $"pid must be `host` (the node's PID namespace), not `{pid}`: another container's namespace is not supported on a grid";

    public static string? CheckLogDriver(string driver) =>
        LogDriverPattern().IsMatch(driver) ? null : $"logging driver `{driver}` is not a driver name (json-file, local, syslog, journald, gelf, fluentd, ...)";
}
