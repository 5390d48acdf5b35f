using System.Text.RegularExpressions;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal static partial class ServiceParser
{
    private static readonly string[] s_deployKeys =
    [
        "replicas", "mode", "placement", "resources", "update_config", "restart_policy", "rollback_config", "labels",
        "endpoint_mode", "strategy", "min_health", "wait_for_port", "interval",
    ];
    private static readonly string[] s_updateKeys = ["parallelism", "delay", "order", "failure_action", "monitor", "max_failure_ratio"];
    private static readonly string[] s_restartKeys = ["condition", "delay", "max_attempts", "window"];

    [GeneratedRegex(@"^(node|label|service|container)(==|!=|=~|!~)(\S.*)$")]
    private static partial Regex AffinityPattern();

    [GeneratedRegex(@"^\s*node\.(hostname|labels\.([A-Za-z0-9_.-]+)|role|id|platform\.\w+)\s*(==|!=)\s*(\S+)\s*$")]
    private static partial Regex ConstraintPattern();

    private static StackServiceSpec ReadDeploy(ParseContext ctx, YamlNode node, string path, StackServiceSpec svc)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return svc;
        }
        var deploy = svc.Deploy ?? new DeploySpec();
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            ctx.Remember(p, value);
            switch (key.Value)
            {
                case "replicas": svc = SetInstances(ctx, value, p, svc); break;
                case "mode":
                    var mode = NodeReader.String(ctx, value, p);
                    if (mode == "global")
                    {
                        deploy = deploy with { Strategy = "daemon" };
                    }
                    else if (mode is not (null or "replicated"))
                    {
                        ctx.Error(value, p, $"mode must be replicated or global, not `{mode}`");
                    }
                    break;
                case "strategy":
                    var strategy = NodeReader.String(ctx, value, p);
                    if (strategy is not (null or "ha" or "daemon" or "random"))
                    {
                        ctx.Error(value, p, $"strategy must be ha, daemon or random, not `{strategy}`");
                    }
                    else if (strategy is not null && deploy.Strategy == "daemon" && strategy != "daemon")
                    {
                        ctx.Error(value, p, $"strategy `{strategy}` contradicts `mode: global`");
                    }
                    else
                    {
                        deploy = deploy with { Strategy = strategy ?? deploy.Strategy };
                    }
                    break;
                case "min_health":
                    var minHealth = NodeReader.Number(ctx, value, p);
                    if (minHealth is < 0 or > 1)
                    {
                        ctx.Error(value, p, $"min_health is a fraction from 0 to 1, not {(value is YamlScalar s ? s.Value : "")}");
                        minHealth = null;
                    }
                    deploy = deploy with { MinHealth = minHealth };
                    break;
                case "wait_for_port": deploy = deploy with { WaitForPort = NodeReader.Int(ctx, value, p, 1, 65535) }; break;
                case "interval": deploy = deploy with { Interval = NodeReader.Duration(ctx, value, p) }; break;
                case "placement": svc = ReadPlacement(ctx, value, p, svc); break;
                case "resources": deploy = deploy with { Resources = ReadResources(ctx, value, p) }; break;
                case "update_config": deploy = deploy with { UpdateConfig = ReadUpdateConfig(ctx, value, p) }; break;
                case "restart_policy": deploy = deploy with { RestartPolicy = ReadRestartPolicy(ctx, value, p) }; break;
                case "rollback_config" or "labels" or "endpoint_mode":
                    ctx.Warn(key, p, $"`deploy.{key.Value}` is ignored: Satama rolls back to the previous revision and balances with its own ingress");
                    break;
                default: ctx.Unknown(key, p, s_deployKeys, StackSeverity.Error, "deploy key"); break;
            }
        }
        // `deploy: {replicas: 3}` says no more than `instances: 3`: an empty deploy section normalizes to none.
        return svc with { Deploy = deploy == new DeploySpec() ? null : deploy };
    }

    private static StackServiceSpec ReadPlacement(ParseContext ctx, YamlNode node, string path, StackServiceSpec svc)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return svc;
        }
        var affinity = svc.Affinity.ToList();
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            if (key.Value != "constraints")
            {
                if (key.Value is "preferences" or "max_replicas_per_node")
                {
                    ctx.Warn(key, p, $"`placement.{key.Value}` is ignored: use deploy.strategy (ha spreads across regions, zones and nodes)");
                }
                else
                {
                    ctx.Unknown(key, p, ["constraints", "preferences", "max_replicas_per_node"], StackSeverity.Error, "placement key");
                }
                continue;
            }
            foreach (var (item, itemPath) in Items(ctx, value, p))
            {
                if (NodeReader.String(ctx, item, itemPath) is not { } text)
                {
                    continue;
                }
                var m = ConstraintPattern().Match(text);
                if (!m.Success || m.Groups[1].Value is "role" or "id" || m.Groups[1].Value.StartsWith("platform", StringComparison.Ordinal))
                {
                    ctx.Warn(item, itemPath, $"constraint `{text}` is ignored: Satama places by node.hostname and node.labels.KEY (== or !=)");
                    continue;
                }
                var op = m.Groups[3].Value;
                affinity.Add(m.Groups[2].Success ? $"label{op}{m.Groups[2].Value}={m.Groups[4].Value}" : $"node{op}{m.Groups[4].Value}");
            }
        }
        return svc with { Affinity = affinity };
    }

    private static ValueList<string> ReadAffinity(ParseContext ctx, YamlNode node, string path)
    {
        var rules = new List<string>();
        foreach (var (item, itemPath) in Items(ctx, node, path))
        {
            if (NodeReader.String(ctx, item, itemPath) is not { } text)
            {
                continue;
            }
            if (!AffinityPattern().IsMatch(text.Trim()))
            {
                ctx.Error(item, itemPath, $"affinity `{text}` is not node|label|service|container followed by ==, !=, =~ or !~ and a value (e.g. label==az=a)");
                continue;
            }
            rules.Add(text.Trim());
        }
        return rules;
    }

    private static ResourcesSpec? ReadResources(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        ResourceSet? limits = null, reservations = null;
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            switch (key.Value)
            {
                case "limits": limits = ReadResourceSet(ctx, value, p); break;
                case "reservations": reservations = ReadResourceSet(ctx, value, p); break;
                default: ctx.Unknown(key, p, ["limits", "reservations"], StackSeverity.Error, "resources key"); break;
            }
        }
        return new ResourcesSpec(limits, reservations);
    }

    private static ResourceSet? ReadResourceSet(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        string? cpus = null, memory = null;
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            switch (key.Value)
            {
                case "cpus": cpus = ReadCpus(ctx, value, p); break;
                case "memory": memory = NodeReader.Size(ctx, value, p); break;
                case "pids" or "devices" or "generic_resources": ctx.Warn(key, p, $"`{key.Value}` is ignored"); break;
                default: ctx.Unknown(key, p, ["cpus", "memory"], StackSeverity.Error, "resource key"); break;
            }
        }
        return new ResourceSet(cpus, memory);
    }

    private static UpdateConfigSpec? ReadUpdateConfig(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        var update = new UpdateConfigSpec();
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            update = key.Value switch
            {
                "parallelism" => update with { Parallelism = NodeReader.Int(ctx, value, p, 0) },
                "delay" => update with { Delay = NodeReader.Duration(ctx, value, p) },
                "order" => update with { Order = OneOf(ctx, value, p, "order", "start-first", "stop-first") },
                "failure_action" => update with { FailureAction = OneOf(ctx, value, p, "failure_action", "continue", "rollback", "pause") },
                "monitor" => update with { Monitor = NodeReader.Duration(ctx, value, p) },
                "max_failure_ratio" => update,
                _ => Unknown(ctx, key, p, s_updateKeys, "update_config key", update),
            };
        }
        return update;
    }

    private static RestartPolicySpec? ReadRestartPolicy(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        var policy = new RestartPolicySpec();
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            policy = key.Value switch
            {
                "condition" => policy with { Condition = OneOf(ctx, value, p, "condition", "none", "on-failure", "any") },
                "delay" => policy with { Delay = NodeReader.Duration(ctx, value, p) },
                "max_attempts" => policy with { MaxAttempts = NodeReader.Int(ctx, value, p, 0) },
                "window" => policy with { Window = NodeReader.Duration(ctx, value, p) },
                _ => Unknown(ctx, key, p, s_restartKeys, "restart_policy key", policy),
            };
        }
        return policy;
    }

    private static string? OneOf(ParseContext ctx, YamlNode node, string path, string what, params string[] allowed)
    {
        var text = NodeReader.String(ctx, node, path);
        if (text is not null && !allowed.Contains(text))
        {
            ctx.Error(node, path, $"{what} must be {string.Join(", ", allowed[..^1])} or {allowed[^1]}, not `{text}`");
            return null;
        }
        return text;
    }
}
