using System.Globalization;
using System.Text.RegularExpressions;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal static partial class ServiceParser
{
    public const string KontenaHostsKey = "KONTENA_LB_VIRTUAL_HOSTS";
    public const string KontenaPathKey = "KONTENA_LB_VIRTUAL_PATH";
    public const string KontenaPortKey = "KONTENA_LB_INTERNAL_PORT";
    public const string KontenaKeepPathKey = "KONTENA_LB_KEEP_VIRTUAL_PATH";

    private static readonly string[] s_lbKeys = ["hosts", "path", "strip_path", "port", "sticky", "tls", "redirect_https"];
    private static readonly string[] s_lbTlsKeys = ["secret"];

    [GeneratedRegex(@"^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex LbHostPattern();

    [GeneratedRegex(@"^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")]
    private static partial Regex LbPathPattern();

    private static StackLbSpec? ReadLb(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        var lb = new StackLbSpec();
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            ctx.Remember(p, value);
            lb = key.Value switch
            {
                "hosts" => lb with { Hosts = LbHosts(ctx, value, p, NodeReader.StringList(ctx, value, p)) },
                "path" => lb with { Path = LbPath(ctx, value, p, NodeReader.String(ctx, value, p)) },
                "strip_path" => lb with { StripPath = NodeReader.Bool(ctx, value, p) },
                "port" => lb with { Port = NodeReader.Int(ctx, value, p, 1, 65535) },
                "sticky" => lb with { Sticky = NodeReader.Bool(ctx, value, p) },
                "tls" => lb with { TlsSecret = ReadLbTls(ctx, value, p) },
                "redirect_https" => lb with { RedirectHttps = NodeReader.Bool(ctx, value, p) },
                _ => Unknown(ctx, key, p, s_lbKeys, "lb key", lb),
            };
        }
        return lb;
    }

    private static string? ReadLbTls(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        string? secret = null;
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            if (key.Value == "secret")
            {
                secret = NodeReader.String(ctx, value, p);
            }
            else
            {
                ctx.Unknown(key, p, s_lbTlsKeys, StackSeverity.Error, "lb.tls key");
            }
        }
        if (secret is null)
        {
            ctx.Error(map, path, "lb.tls needs `secret` (the vault secret with the certificate and its key, PEM)");
            return null;
        }
        if (ctx.Options.Vault is not { } readVault)
        {
            ctx.Info(map, path, $"vault secret `{secret}` left unchecked (needs a master)");
        }
        else if (readVault(secret) is null && !ctx.VaultWrites.ContainsKey(secret))
        {
            ctx.Error(map, path, $"vault secret `{secret}` does not exist in grid `{ctx.Options.Grid}`");
        }
        return secret;
    }

    private static ValueList<string> LbHosts(ParseContext ctx, YamlNode node, string path, IEnumerable<string> hosts)
    {
        var list = new List<string>();
        foreach (var raw in hosts)
        {
            var host = raw.Trim().ToLowerInvariant();
            if (!LbHostPattern().IsMatch(host) || host.Length > 253)
            {
                ctx.Error(node, path, $"`{raw}` is not a host name (like shop.example.com or *.example.com)");
            }
            else if (!list.Contains(host))
            {
                list.Add(host);
            }
        }
        return list;
    }

    private static string? LbPath(ParseContext ctx, YamlNode node, string path, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (!LbPathPattern().IsMatch(value))
        {
            ctx.Error(node, path, $"path must start with / and hold no spaces, `?` or `#`, not `{value}`");
            return null;
        }
        return value;
    }

    /// <summary>
    /// Kontena's load balancer read KONTENA_LB_* environment keys of the services linked to it. They are accepted as
    /// aliases of <c>lb:</c> (which wins when both are given); like Kontena, the virtual path is stripped unless
    /// KONTENA_LB_KEEP_VIRTUAL_PATH is true.
    /// </summary>
    private static StackServiceSpec KontenaLb(ParseContext ctx, YamlScalar nameNode, YamlMapping map, string path, StackServiceSpec svc)
    {
        var env = svc.Environment;
        var keys = env.Keys.Where(k => k.StartsWith("KONTENA_LB_", StringComparison.Ordinal)).ToList();
        if (keys.Count == 0)
        {
            return svc;
        }
        YamlNode at = map["environment"] ?? map["env_file"] ?? nameNode;
        var envPath = ParseContext.Join(path, "environment");
        if (svc.Lb is not null)
        {
            ctx.Warn(at, envPath, $"{string.Join(", ", keys)} ignored: `lb` is set");
            return svc;
        }
        var lb = new StackLbSpec();
        foreach (var key in keys)
        {
            var value = env[key];
            var p = ParseContext.Join(envPath, key);
            var atKey = EnvNode(at, key);
            switch (key)
            {
                case KontenaHostsKey:
                    lb = lb with { Hosts = LbHosts(ctx, atKey, p, value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) };
                    break;
                case KontenaPathKey:
                    lb = lb with { Path = LbPath(ctx, atKey, p, value.Trim()) };
                    break;
                case KontenaPortKey:
                    if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
                    {
                        lb = lb with { Port = port };
                    }
                    else
                    {
                        ctx.Error(atKey, p, $"must be a port from 1 to 65535, not `{value}`");
                    }
                    break;
                case KontenaKeepPathKey:
                    break;
                default:
                    ctx.Warn(atKey, p, $"`{key}` is not supported by Satama's load balancer and is ignored");
                    break;
            }
        }
        if (lb.Path is { } virtualPath && virtualPath != "/")
        {
            var keep = env.TryGetValue(KontenaKeepPathKey, out var k) && k.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
            lb = lb with { StripPath = !keep };
        }
        return svc with { Lb = lb };
    }

    /// <summary>The value node of KEY in an environment mapping or list, else the environment itself.</summary>
    private static YamlNode EnvNode(YamlNode environment, string key) => environment switch
    {
        YamlMapping map => map[key] ?? map,
        YamlSequence seq => seq.Items.FirstOrDefault(i => i is YamlScalar s && (s.Value == key || s.Value.StartsWith(key + "=", StringComparison.Ordinal))) ?? seq,
        _ => environment,
    };
}
