using System.Globalization;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal static partial class ServiceParser
{
    private static readonly string[] s_volumeKeys = ["type", "source", "target", "read_only", "bind", "volume", "tmpfs", "consistency"];
    private static readonly string[] s_dependsKeys = ["condition", "restart", "required"];
    private static readonly string[] s_networkKeys = ["aliases", "ipv4_address", "ipv6_address", "priority", "link_local_ips", "mac_address"];

    private static ValueList<StackVolumeMount> ReadVolumes(ParseContext ctx, YamlNode node, string path)
    {
        var mounts = new List<StackVolumeMount>();
        foreach (var (item, itemPath) in Items(ctx, node, path))
        {
            if (item is YamlMapping map)
            {
                if (ReadLongVolume(ctx, map, itemPath) is { } mount)
                {
                    mounts.Add(mount);
                }
            }
            else if (NodeReader.String(ctx, item, itemPath) is { } text)
            {
                if (ParseShortVolume(text) is { } mount)
                {
                    mounts.Add(mount);
                }
                else
                {
                    ctx.Error(item, itemPath, $"volume `{text}` is not [SOURCE:]TARGET[:ro|rw] with an absolute TARGET");
                }
            }
        }
        return mounts;
    }

    private static StackVolumeMount? ReadLongVolume(ParseContext ctx, YamlMapping map, string path)
    {
        string type = "volume";
        string? source = null, target = null;
        var readOnly = false;
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            switch (key.Value)
            {
                case "type":
                    type = NodeReader.String(ctx, value, p) ?? "volume";
                    if (type is not ("volume" or "bind" or "tmpfs"))
                    {
                        ctx.Error(value, p, $"volume type must be volume, bind or tmpfs, not `{type}`");
                    }
                    break;
                case "source": source = NodeReader.String(ctx, value, p); break;
                case "target": target = NodeReader.String(ctx, value, p); break;
                case "read_only": readOnly = NodeReader.Bool(ctx, value, p) ?? false; break;
                case "bind" or "volume" or "tmpfs" or "consistency": break;
                default: ctx.Unknown(key, p, s_volumeKeys, StackSeverity.Error, "volume key"); break;
            }
        }
        if (target is null || !target.StartsWith('/'))
        {
            ctx.Error(map, path, "a volume needs `target`, an absolute path in the container");
            return null;
        }
        if (type == "bind" && source is null)
        {
            ctx.Error(map, path, "a bind mount needs `source`, a path on the node");
            return null;
        }
        return new StackVolumeMount(type, source, target, readOnly);
    }

    /// <summary>SOURCE:TARGET[:MODE] or TARGET; a source that looks like a path is a bind mount, else a named volume.</summary>
    internal static StackVolumeMount? ParseShortVolume(string text)
    {
        var parts = text.Split(':');
        var readOnly = false;
        if (parts.Length == 3 || (parts.Length == 2 && !parts[1].StartsWith('/')))
        {
            var modes = parts[^1].Split(',');
            if (modes.Any(m => m is not ("ro" or "rw" or "z" or "Z" or "nocopy" or "cached" or "delegated" or "consistent")))
            {
                return null;
            }
            readOnly = modes.Contains("ro");
            parts = parts[..^1];
        }
        if (parts.Length == 1)
        {
            return parts[0].StartsWith('/') ? new StackVolumeMount("volume", null, parts[0], readOnly) : null;
        }
        if (parts.Length != 2 || parts[0].Length == 0 || !parts[1].StartsWith('/'))
        {
            return null;
        }
        var bind = parts[0][0] is '/' or '.' or '~';
        return new StackVolumeMount(bind ? "bind" : "volume", parts[0], parts[1], readOnly);
    }

    private static ValueMap<ValueList<string>> ReadNetworks(ParseContext ctx, YamlNode node, string path)
    {
        var networks = new Dictionary<string, ValueList<string>>(StringComparer.Ordinal);
        if (node is YamlMapping map)
        {
            foreach (var (key, value) in map.Entries)
            {
                var p = ParseContext.Join(path, key.Value);
                ctx.Remember(p, key);
                var aliases = ValueList<string>.Empty;
                if (value is YamlMapping options)
                {
                    foreach (var (optKey, optValue) in options.Entries)
                    {
                        if (optKey.Value == "aliases")
                        {
                            aliases = NodeReader.StringList(ctx, optValue, ParseContext.Join(p, "aliases"), single: false);
                        }
                        else if (!s_networkKeys.Contains(optKey.Value))
                        {
                            ctx.Unknown(optKey, ParseContext.Join(p, optKey.Value), s_networkKeys, StackSeverity.Error, "network key");
                        }
                    }
                }
                else if (value is not YamlScalar { IsNull: true })
                {
                    ctx.Error(value, p, $"expected a mapping of network options, not {value.Kind}");
                }
                networks[key.Value] = aliases;
            }
        }
        else
        {
            foreach (var name in NodeReader.StringList(ctx, node, path, single: false))
            {
                networks[name] = ValueList<string>.Empty;
            }
            if (node is YamlSequence seq)
            {
                foreach (var item in seq.Items.OfType<YamlScalar>())
                {
                    ctx.Remember(ParseContext.Join(path, item.Value), item);
                }
            }
        }
        return new(networks);
    }

    private static ValueList<ServiceDependency> ReadDependsOn(ParseContext ctx, YamlNode node, string path)
    {
        var deps = new List<ServiceDependency>();
        if (node is YamlMapping map)
        {
            foreach (var (key, value) in map.Entries)
            {
                var p = ParseContext.Join(path, key.Value);
                ctx.Remember(p, key);
                var condition = ServiceDependency.Started;
                if (NodeReader.Mapping(ctx, value, p) is { } options)
                {
                    foreach (var (optKey, optValue) in options.Entries)
                    {
                        var op = ParseContext.Join(p, optKey.Value);
                        if (optKey.Value == "condition")
                        {
                            condition = NodeReader.String(ctx, optValue, op) ?? condition;
                            if (condition is not (ServiceDependency.Started or ServiceDependency.Healthy or ServiceDependency.Completed))
                            {
                                ctx.Error(optValue, op, $"condition must be service_started, service_healthy or service_completed_successfully, not `{condition}`");
                            }
                        }
                        else if (!s_dependsKeys.Contains(optKey.Value))
                        {
                            ctx.Unknown(optKey, op, s_dependsKeys, StackSeverity.Error, "depends_on key");
                        }
                    }
                }
                deps.Add(new ServiceDependency(key.Value, condition));
            }
            return deps;
        }
        foreach (var (item, itemPath) in Items(ctx, node, path))
        {
            if (NodeReader.String(ctx, item, itemPath) is { } name)
            {
                ctx.Remember(ParseContext.Join(path, name), item);
                deps.Add(new ServiceDependency(name));
            }
        }
        return deps;
    }

    private static ValueList<string> ReadExtraHosts(ParseContext ctx, YamlNode node, string path) =>
        node is YamlMapping
            ? new(NodeReader.Pairs(ctx, node, path).Select(p => $"{p.Key}:{p.Value}"))
            : NodeReader.StringList(ctx, node, path, single: false);

    private static ValueMap<string> ReadUlimits(ParseContext ctx, YamlNode node, string path)
    {
        var limits = new Dictionary<string, string>(StringComparer.Ordinal);
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return ValueMap<string>.Empty;
        }
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            if (value is YamlMapping pair)
            {
                var soft = pair["soft"] is { } s ? NodeReader.Int(ctx, s, ParseContext.Join(p, "soft"), -1) : null;
                var hard = pair["hard"] is { } h ? NodeReader.Int(ctx, h, ParseContext.Join(p, "hard"), -1) : null;
                if (soft is null || hard is null)
                {
                    ctx.Error(value, p, "a ulimit needs both `soft` and `hard`");
                    continue;
                }
                limits[key.Value] = string.Create(CultureInfo.InvariantCulture, $"{soft}:{hard}");
            }
            else if (NodeReader.Int(ctx, value, p, -1) is { } single)
            {
                limits[key.Value] = single.ToString(CultureInfo.InvariantCulture);
            }
        }
        return new(limits);
    }

    private static string? ReadCpus(ParseContext ctx, YamlNode node, string path)
    {
        var n = NodeReader.Number(ctx, node, path);
        if (n is <= 0)
        {
            ctx.Error(node, path, "cpus must be more than 0");
            return null;
        }
        return n is null ? null : NodeReader.String(ctx, node, path);
    }
}
