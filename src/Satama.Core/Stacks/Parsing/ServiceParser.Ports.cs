using System.Globalization;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal static partial class ServiceParser
{
    private static readonly string[] s_portKeys = ["target", "published", "protocol", "host_ip", "mode", "name", "app_protocol"];

    /// <summary>A published range expands to one port each; more than this is surely a typo.</summary>
    private const int MaxPortRange = 1000;

    private static ValueList<StackPort> ReadPorts(ParseContext ctx, YamlNode node, string path)
    {
        var ports = new List<StackPort>();
        foreach (var (item, itemPath) in Items(ctx, node, path))
        {
            if (item is YamlMapping map)
            {
                if (ReadLongPort(ctx, map, itemPath) is { } port)
                {
                    ports.Add(port);
                }
            }
            else if (NodeReader.String(ctx, item, itemPath) is { } text)
            {
                if (ParseShortPort(text, out var error) is { } parsed)
                {
                    ports.AddRange(parsed);
                }
                else
                {
                    ctx.Error(item, itemPath, error!);
                }
            }
        }
        return ports;
    }

    private static StackPort? ReadLongPort(ParseContext ctx, YamlMapping map, string path)
    {
        int? target = null, published = null;
        string protocol = "tcp";
        string? hostIp = null, mode = null;
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            switch (key.Value)
            {
                case "target": target = NodeReader.Int(ctx, value, p, 1, 65535); break;
                case "published": published = NodeReader.Int(ctx, value, p, 1, 65535); break;
                case "protocol": protocol = Protocol(ctx, value, p) ?? "tcp"; break;
                case "host_ip": hostIp = NodeReader.String(ctx, value, p); break;
                case "mode":
                    mode = NodeReader.String(ctx, value, p);
                    if (mode is not (null or "host" or "ingress"))
                    {
                        ctx.Error(value, p, $"port mode must be host or ingress, not `{mode}`");
                    }
                    break;
                case "name" or "app_protocol": break;
                default: ctx.Unknown(key, p, s_portKeys, StackSeverity.Error, "port key"); break;
            }
        }
        if (target is null)
        {
            ctx.Error(map, path, "a port needs `target` (the container port)");
            return null;
        }
        return new StackPort(target.Value, published, protocol, hostIp, mode);
    }

    private static string? Protocol(ParseContext ctx, YamlNode value, string path)
    {
        var text = NodeReader.String(ctx, value, path)?.ToLowerInvariant();
        if (text is not (null or "tcp" or "udp"))
        {
            ctx.Error(value, path, $"protocol must be tcp or udp, not `{text}`");
            return null;
        }
        return text;
    }

    private static ValueList<string> ReadExpose(ParseContext ctx, YamlNode node, string path)
    {
        var ports = NodeReader.StringList(ctx, node, path);
        for (var i = 0; i < ports.Count; i++)
        {
            var text = ports[i];
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var protocol = slash < 0 ? "tcp" : text[(slash + 1)..];
            if (!Range(slash < 0 ? text : text[..slash], out _, out _) || protocol is not ("tcp" or "udp"))
            {
                var at = node is YamlSequence seq ? seq.Items[i] : node;
                ctx.Error(at, ParseContext.Index(path, i), $"expose `{text}` is not PORT[-END][/tcp|udp] with ports from 1 to 65535");
            }
        }
        return ports;
    }

    /// <summary>[HOST_IP:][PUBLISHED[-END]:]TARGET[-END][/PROTOCOL], as Compose reads it.</summary>
    internal static List<StackPort>? ParseShortPort(string text, out string? error)
    {
        error = $"port `{text}` is not [HOST_IP:][PUBLISHED:]TARGET[/tcp|udp] with ports from 1 to 65535 (e.g. 8080:80)";
        var body = text.Trim();
        var protocol = "tcp";
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            protocol = body[(slash + 1)..].ToLowerInvariant();
            body = body[..slash];
            if (protocol is not ("tcp" or "udp"))
            {
                error = $"port `{text}`: protocol must be tcp or udp";
                return null;
            }
        }
        var parts = body.Split(':');
        string? hostIp = null;
        string? published;
        string target;
        switch (parts.Length)
        {
            case 1: published = null; target = parts[0]; break;
            case 2: published = parts[0]; target = parts[1]; break;
            case 3: hostIp = parts[0]; published = parts[1].Length == 0 ? null : parts[1]; target = parts[2]; break;
            default: return null;
        }
        if (!Range(target, out var t0, out var t1) || (hostIp is not null && !IsIp(hostIp)))
        {
            return null;
        }
        var p0 = 0;
        var p1 = 0;
        if (published is not null && !Range(published, out p0, out p1))
        {
            return null;
        }
        var count = t1 - t0 + 1;
        if (published is not null && p1 - p0 + 1 != count && p0 != p1)
        {
            error = $"port `{text}`: the published and target ranges differ in length";
            return null;
        }
        if (count > MaxPortRange)
        {
            error = $"port `{text}`: a range of more than {MaxPortRange} ports";
            return null;
        }
        var ports = new List<StackPort>();
        for (var i = 0; i < count; i++)
        {
            int? pub = published is null ? null : p0 == p1 ? p0 : p0 + i;
            ports.Add(new StackPort(t0 + i, pub, protocol, hostIp));
        }
        error = null;
        return ports;
    }

    private static bool Range(string text, out int first, out int last)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        first = last = 0;
        if (dash < 0)
        {
            return Port(text, out first) && Port(text, out last);
        }
        return Port(text[..dash], out first) && Port(text[(dash + 1)..], out last) && last >= first;
    }

    // IPAddress.TryParse takes "8080" for 0.0.31.144; a host IP here is written dotted (or is IPv6).
    private static bool IsIp(string s) =>
        System.Net.IPAddress.TryParse(s, out _) && (s.Count(c => c == '.') == 3 || s.Contains(':', StringComparison.Ordinal));

    private static bool Port(string s, out int port) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    /// <summary>The items of a list, with their paths; anything else is one error.</summary>
    private static IEnumerable<(YamlNode Item, string Path)> Items(ParseContext ctx, YamlNode node, string path)
    {
        if (node is YamlScalar { IsNull: true })
        {
            yield break;
        }
        if (node is not YamlSequence seq)
        {
            ctx.Error(node, path, $"expected a list, not {node.Kind}");
            yield break;
        }
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var itemPath = ParseContext.Index(path, i);
            ctx.Remember(itemPath, seq.Items[i]);
            yield return (seq.Items[i], itemPath);
        }
    }
}
