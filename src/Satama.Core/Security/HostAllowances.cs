using System.Text.RegularExpressions;

namespace Satama.Core.Security;

/// <summary>
/// The host-level options a grid's admins let its grid_users ask for (<c>satama grid update G --allow privileged
/// --allow-bind /srv/data</c>): option words (<see cref="Vocabulary"/>) and node paths whose binds are allowed, each
/// path with what is below it. grid_admin and master_admin need none of them; the agent sees the bind paths too.
/// </summary>
public sealed partial record HostAllowances
{
    public static readonly HostAllowances None = new([], []);

    /// <summary>The most options, and the most bind paths, a grid keeps: a list an admin reads at a glance.</summary>
    public const int MaxEntries = 64;

    /// <summary>The words <see cref="ParseOption"/> takes, for messages.</summary>
    public static readonly IReadOnlyList<string> Vocabulary =
        ["privileged", "pid:host", "cap_add:NAME", "device:PATH", "sysctl:NAME", "volume_opts", "log_driver:awslogs", "log_driver:gcplogs"];

    // Stack keys Satama reads and then ignores: nothing of them reaches a container, so there is nothing to allow.
    private static readonly string[] s_ignored = ["network", "network_mode", "net", "ipc", "uts", "userns_mode", "security_opt", "cgroup_parent", "cgroup", "runtime"];

    public HostAllowances(IReadOnlyList<string> options, IReadOnlyList<string> binds)
    {
        Options = options;
        Binds = binds;
    }

    /// <summary>Option words as <see cref="ParseOption"/> writes them, e.g. <c>cap_add:NET_ADMIN</c>.</summary>
    public IReadOnlyList<string> Options { get; }

    /// <summary>Normalized absolute paths of the node.</summary>
    public IReadOnlyList<string> Binds { get; }

    [GeneratedRegex(@"^[a-z0-9_]+([./][a-z0-9_-]+)+$")]
    private static partial Regex SysctlPattern();

    public bool Allows(HostOption option) => option.Kind switch
    {
        HostOptionKind.Bind => option.Path is { } path && Binds.Any(b => HostPaths.IsWithin(path, b)),
        HostOptionKind.Device => option.Path is { } path
            && Options.Any(o => o.StartsWith("device:", StringComparison.Ordinal) && HostPaths.IsWithin(path, o["device:".Length..])),
        _ => Options.Contains(option.Name, StringComparer.Ordinal),
    };

    /// <summary>Those of <paramref name="options"/> the grid does not allow, in their order.</summary>
    public IReadOnlyList<HostOption> Refused(IEnumerable<HostOption> options) => [.. options.Where(o => !Allows(o))];

    /// <summary>The bind paths that hold one of <paramref name="paths"/> (normalized): what the agent needs for them.</summary>
    public IReadOnlyList<string> BindsCovering(IEnumerable<string> paths)
    {
        var list = paths.ToList();
        return [.. Binds.Where(b => list.Any(p => HostPaths.IsWithin(p, b)))];
    }

    /// <summary>
    /// These allowances with <paramref name="allow"/> added and <paramref name="disallow"/> taken back (options, then
    /// bind paths), or every problem with the change: a word or path that is not one, taking back what is not allowed
    /// (the message lists what is), the same entry both ways, more than <see cref="MaxEntries"/>.
    /// </summary>
    public (HostAllowances Changed, IReadOnlyList<string> Errors) Change(IReadOnlyList<string?>? allow, IReadOnlyList<string?>? disallow,
        IReadOnlyList<string?>? allowBind, IReadOnlyList<string?>? disallowBind)
    {
        var errors = new List<string>();
        var options = Edit(Options, Parsed(allow, "allow", ParseOption, errors), Parsed(disallow, "disallow", ParseOption, errors), "option", errors);
        var binds = Edit(Binds, Parsed(allowBind, "allowBind", ParseBind, errors), Parsed(disallowBind, "disallowBind", ParseBind, errors), "bind path", errors);
        return (errors.Count == 0 ? new HostAllowances(options, binds) : this, errors);
    }

    private static List<string> Parsed(IReadOnlyList<string?>? texts, string field, Func<string?, (string?, string?)> parse, List<string> errors)
    {
        var result = new List<string>();
        foreach (var text in texts ?? [])
        {
            if (text is null)
            {
                errors.Add($"{field} has a null element");
                continue;
            }
            var (value, error) = parse(text);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (!result.Contains(value!, StringComparer.Ordinal))
            {
                result.Add(value!);
            }
        }
        return result;
    }

    private static List<string> Edit(IReadOnlyList<string> current, List<string> add, List<string> remove, string what, List<string> errors)
    {
        foreach (var both in add.Intersect(remove, StringComparer.Ordinal))
        {
            errors.Add($"{what} '{both}' is both allowed and taken back in one change");
        }
        foreach (var missing in remove.Where(r => !current.Contains(r, StringComparer.Ordinal)))
        {
            errors.Add(current.Count == 0
                ? $"{what} '{missing}' is not allowed on the grid: it allows no {what}s"
                : $"{what} '{missing}' is not allowed on the grid; allowed {what}s: {string.Join(", ", current)}");
        }
        var result = current.Where(c => !remove.Contains(c, StringComparer.Ordinal)).ToList();
        result.AddRange(add.Where(a => !result.Contains(a, StringComparer.Ordinal)));
        if (result.Count > MaxEntries)
        {
            errors.Add($"a grid allows at most {MaxEntries} {what}s, this change leaves {result.Count}");
        }
        return result;
    }

    /// <summary>The option word as it is kept (<c>CAP_NET_ADMIN</c> is <c>cap_add:NET_ADMIN</c>), or why it is not one.</summary>
    public static (string? Option, string? Error) ParseOption(string? text)
    {
        var word = (text ?? "").Trim();
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        var head = (colon < 0 ? word : word[..colon]).ToLowerInvariant();
        var tail = colon < 0 ? null : word[(colon + 1)..].Trim();
        switch (head)
        {
            case "privileged" or "volume_opts" when tail is null:
                return (head, null);
            case "pid" when tail == "host":
                return ("pid:host", null);
            case "cap_add" when tail is { Length: > 0 }:
                return Capability(tail);
            case "device" when tail is { Length: > 0 }:
                return HostPaths.Normalize(tail) is { } device
                    ? ($"device:{device}", null)
                    : (null, $"device '{tail}' is not an absolute path of the node (e.g. device:/dev/fuse)");
            case "sysctl" when tail is { Length: > 0 }:
                return Sysctl(tail);
            case "log_driver" when tail is { Length: > 0 }:
                return HostOptions.NodeCredentialLogDrivers.Contains(tail)
                    ? ($"log_driver:{tail}", null)
                    : (null, $"log driver '{tail}' needs no allowance: only {string.Join(" and ", HostOptions.NodeCredentialLogDrivers.Order(StringComparer.Ordinal))} write with the node's credentials");
            case "bind":
                return (null, $"'{word}': a bind path is allowed with --allow-bind PATH (allowBind in the API), not --allow");
        }
        if (s_ignored.Contains(head, StringComparer.Ordinal))
        {
            return (null, $"'{word}' needs no allowance: Satama ignores the stack key `{head}` (with a warning), so no container gets it");
        }
        return (null, $"host-level option '{word}' is unknown; options: {string.Join(", ", Vocabulary)} (bind paths: --allow-bind PATH)");
    }

    /// <summary>The normalized path of a bind allowance, or why it is not one.</summary>
    public static (string? Path, string? Error) ParseBind(string? text)
    {
        var trimmed = (text ?? "").Trim();
        return HostPaths.Normalize(trimmed) is { } path
            ? (path, null)
            : (null, $"bind path '{trimmed}' is not an absolute path of the node (e.g. /srv/data)");
    }

    private static (string?, string?) Capability(string name)
    {
        var cap = HostOptions.Capability(name);
        if (cap == "ALL")
        {
            return ("cap_add:ALL", null);
        }
        if (!HostOptions.Capabilities.Contains(cap, StringComparer.Ordinal))
        {
            return (null, $"capability '{name}' is unknown; capabilities: ALL, {string.Join(", ", HostOptions.Capabilities)}");
        }
        return HostOptions.DefaultCapabilities.Contains(cap)
            ? (null, $"cap_add:{cap} needs no allowance: Docker gives every container {cap}")
            : ($"cap_add:{cap}", null);
    }

    private static (string?, string?) Sysctl(string key)
    {
        var name = HostOptions.SysctlName(key);
        if (!SysctlPattern().IsMatch(name))
        {
            return (null, $"sysctl '{key}' is not a kernel parameter name like kernel.core_pattern");
        }
        return HostOptions.IsNamespacedSysctl(name)
            ? (null, $"sysctl:{name} needs no allowance: the container's own namespace holds it")
            : ($"sysctl:{name}", null);
    }
}
