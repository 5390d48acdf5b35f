using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal static partial class ServiceParser
{
    private static readonly string[] s_healthcheckKeys = ["test", "interval", "timeout", "retries", "start_period", "start_interval", "disable"];
    private static readonly string[] s_kontenaHealthKeys = ["protocol", "port", "uri", "timeout", "interval", "initial_delay"];
    private static readonly string[] s_loggingKeys = ["driver", "options"];
    private static readonly string[] s_secretKeys = ["source", "target", "uid", "gid", "mode"];
    private static readonly string[] s_vaultSecretKeys = ["secret", "name", "type", "mode", "uid", "gid"];
    private static readonly string[] s_hookKeys = ["name", "cmd", "instances", "oneshot"];

    private static HealthCheckSpec? ReadHealthcheck(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        var check = new HealthCheckSpec { Kind = HealthCheckSpec.CommandKind };
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            check = key.Value switch
            {
                "test" => ReadTest(ctx, value, p, check),
                "interval" => check with { Interval = NodeReader.Duration(ctx, value, p) },
                "timeout" => check with { Timeout = NodeReader.Duration(ctx, value, p) },
                "retries" => check with { Retries = NodeReader.Int(ctx, value, p, 0) },
                "start_period" => check with { StartPeriod = NodeReader.Duration(ctx, value, p) },
                "start_interval" => check,
                "disable" => NodeReader.Bool(ctx, value, p) == true ? new HealthCheckSpec { Kind = HealthCheckSpec.NoneKind } : check,
                _ => Unknown(ctx, key, p, s_healthcheckKeys, "healthcheck key", check),
            };
            if (check.Kind == HealthCheckSpec.NoneKind)
            {
                return check;
            }
        }
        if (check.Test is null)
        {
            ctx.Error(map, path, "a healthcheck needs `test` (or `disable: true`)");
        }
        return check;
    }

    private static HealthCheckSpec ReadTest(ParseContext ctx, YamlNode value, string path, HealthCheckSpec check)
    {
        if (value is YamlScalar s && !s.IsNull)
        {
            return check with { Test = new[] { "CMD-SHELL", s.Value } };
        }
        var test = NodeReader.StringList(ctx, value, path, single: false);
        if (test.Count == 0 || test[0] is not ("CMD" or "CMD-SHELL" or "NONE"))
        {
            ctx.Error(value, path, "test must be a string or a list starting with CMD, CMD-SHELL or NONE");
            return check with { Test = test };
        }
        return test[0] == "NONE" ? new HealthCheckSpec { Kind = HealthCheckSpec.NoneKind } : check with { Test = test };
    }

    private static HealthCheckSpec? ReadKontenaHealthCheck(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        var check = new HealthCheckSpec { Kind = HealthCheckSpec.HttpKind };
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            check = key.Value switch
            {
                "protocol" => check with { Kind = NodeReader.String(ctx, value, p) ?? HealthCheckSpec.HttpKind },
                "port" => check with { Port = NodeReader.Int(ctx, value, p, 1, 65535) },
                "uri" => check with { Path = NodeReader.String(ctx, value, p) },
                "timeout" => check with { Timeout = NodeReader.Duration(ctx, value, p) },
                "interval" => check with { Interval = NodeReader.Duration(ctx, value, p) },
                "initial_delay" => check with { StartPeriod = NodeReader.Duration(ctx, value, p) },
                _ => Unknown(ctx, key, p, s_kontenaHealthKeys, "health_check key", check),
            };
        }
        if (check.Kind is not (HealthCheckSpec.HttpKind or HealthCheckSpec.TcpKind))
        {
            ctx.Error(map["protocol"] ?? map, ParseContext.Join(path, "protocol"), $"protocol must be http or tcp, not `{check.Kind}`");
            check = check with { Kind = HealthCheckSpec.HttpKind };
        }
        if (check.Port is null)
        {
            ctx.Error(map, path, "a health_check needs `port`");
        }
        if (check.Kind == HealthCheckSpec.HttpKind)
        {
            check = check with { Path = check.Path ?? "/" };
        }
        return check;
    }

    private static LoggingSpec? ReadLogging(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        string? driver = null;
        var options = ValueMap<string>.Empty;
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            switch (key.Value)
            {
                case "driver": driver = NodeReader.String(ctx, value, p); break;
                case "options": options = NodeReader.StringMap(ctx, value, p); break;
                default: ctx.Unknown(key, p, s_loggingKeys, StackSeverity.Error, "logging key"); break;
            }
        }
        return new LoggingSpec(driver, options);
    }

    private static ValueList<ServiceSecretRef> ReadSecrets(ParseContext ctx, YamlNode node, string path, bool kontenaAllowed)
    {
        var refs = new List<ServiceSecretRef>();
        foreach (var (item, itemPath) in Items(ctx, node, path))
        {
            if (item is YamlScalar)
            {
                if (NodeReader.String(ctx, item, itemPath) is { } name)
                {
                    refs.Add(new ServiceSecretRef(name, name));
                }
                continue;
            }
            if (NodeReader.Mapping(ctx, item, itemPath) is not { } map)
            {
                continue;
            }
            var vault = kontenaAllowed && map.Contains("secret");
            var known = vault ? s_vaultSecretKeys : s_secretKeys;
            string? source = null, target = null, type = null;
            int? mode = null, uid = null, gid = null;
            foreach (var (key, value) in map.Entries)
            {
                var p = ParseContext.Join(itemPath, key.Value);
                switch (key.Value)
                {
                    case "source" when !vault: source = NodeReader.String(ctx, value, p); break;
                    case "secret" when vault: source = NodeReader.String(ctx, value, p); break;
                    case "target" when !vault: target = NodeReader.String(ctx, value, p); break;
                    case "name" when vault: target = NodeReader.String(ctx, value, p); break;
                    case "type" when vault: type = NodeReader.String(ctx, value, p); break;
                    case "mode": mode = ReadMode(ctx, value, p); break;
                    case "uid": uid = NodeReader.Int(ctx, value, p, 0); break;
                    case "gid": gid = NodeReader.Int(ctx, value, p, 0); break;
                    default: ctx.Unknown(key, p, known, StackSeverity.Error, "secret key"); break;
                }
            }
            if (source is null)
            {
                ctx.Error(map, itemPath, vault ? "a vault secret needs `secret` (the vault key)" : "a secret needs `source`");
                continue;
            }
            if (vault)
            {
                type ??= ServiceSecretRef.EnvType;
                if (type is not (ServiceSecretRef.EnvType or ServiceSecretRef.FileType))
                {
                    ctx.Error(map["type"]!, ParseContext.Join(itemPath, "type"), $"type must be env or file, not `{type}`");
                }
                if (target is null)
                {
                    ctx.Error(map, itemPath, "a vault secret needs `name` (the variable or file it becomes)");
                    continue;
                }
                if (type == ServiceSecretRef.EnvType && (mode ?? uid ?? gid) is not null)
                {
                    ctx.Error(map, itemPath, "`mode`, `uid` and `gid` apply to `type: file` only");
                }
                CheckVaultSecret(ctx, map, itemPath, source);
            }
            refs.Add(new ServiceSecretRef(source, target ?? source, type ?? ServiceSecretRef.FileType, vault, mode, uid, gid));
        }
        return refs;
    }

    /// <summary>
    /// With the names of the grid's vault at hand (a master), a missing secret is an error naming what exists; with a
    /// reader only, its answer decides; offline the reference is noted as left unchecked.
    /// </summary>
    internal static void CheckVaultSecret(ParseContext ctx, YamlNode node, string path, string secret)
    {
        if (ctx.Options.VaultSecrets is { } names)
        {
            if (!names.Contains(secret) && !ctx.VaultWrites.ContainsKey(secret))
            {
                ctx.Error(node, path, VaultSecretMissing(secret, ctx.Options.Grid, names));
            }
        }
        else if (ctx.Options.Vault is not { } readVault)
        {
            ctx.Info(node, path, $"vault secret `{secret}` left unchecked (needs a master)");
        }
        else if (readVault(secret) is null && !ctx.VaultWrites.ContainsKey(secret))
        {
            ctx.Error(node, path, $"vault secret `{secret}` does not exist in grid `{ctx.Options.Grid}`");
        }
    }

    internal static string VaultSecretMissing(string secret, string grid, IReadOnlyCollection<string> names) =>
        $"vault secret `{secret}` does not exist in grid `{grid}`{KeySuggester.Hint(secret, names)}; "
        + (names.Count == 0 ? "the vault is empty (satama secret write NAME)" : $"secrets: {string.Join(", ", names.Order(StringComparer.Ordinal))}");

    /// <summary>An octal file mode: 0400, 0o440, or a plain 400.</summary>
    private static int? ReadMode(ParseContext ctx, YamlNode node, string path)
    {
        var text = NodeReader.String(ctx, node, path);
        if (text is null)
        {
            return null;
        }
        var mode = Core.Model.ServiceSecret.ParseMode(text);
        if (mode is null)
        {
            ctx.Error(node, path, $"mode must be an octal file mode from 0000 to 0777 (e.g. 0400), not `{text}`");
        }
        return mode;
    }

    private static HooksSpec? ReadHooks(ParseContext ctx, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return null;
        }
        var hooks = new HooksSpec(ValueList<HookSpec>.Empty, ValueList<HookSpec>.Empty, ValueList<HookSpec>.Empty);
        foreach (var (key, value) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            hooks = key.Value switch
            {
                "pre_start" => hooks with { PreStart = ReadHookList(ctx, value, p) },
                "post_start" => hooks with { PostStart = ReadHookList(ctx, value, p) },
                "pre_stop" => hooks with { PreStop = ReadHookList(ctx, value, p) },
                "pre_build" => Ignored(ctx, key, p, hooks),
                _ => Unknown(ctx, key, p, ["pre_start", "post_start", "pre_stop"], "hook", hooks),
            };
        }
        return hooks;
    }

    private static ValueList<HookSpec> ReadHookList(ParseContext ctx, YamlNode node, string path)
    {
        var list = new List<HookSpec>();
        foreach (var (item, itemPath) in Items(ctx, node, path))
        {
            if (NodeReader.Mapping(ctx, item, itemPath) is not { } map)
            {
                continue;
            }
            string? name = null, cmd = null, instances = "*";
            var oneShot = false;
            foreach (var (key, value) in map.Entries)
            {
                var p = ParseContext.Join(itemPath, key.Value);
                switch (key.Value)
                {
                    case "name": name = NodeReader.String(ctx, value, p); break;
                    case "cmd": cmd = NodeReader.String(ctx, value, p); break;
                    case "instances": instances = NodeReader.String(ctx, value, p) ?? "*"; break;
                    case "oneshot": oneShot = NodeReader.Bool(ctx, value, p) ?? false; break;
                    default: ctx.Unknown(key, p, s_hookKeys, StackSeverity.Error, "hook key"); break;
                }
            }
            if (cmd is null)
            {
                ctx.Error(map, itemPath, "a hook needs `cmd`");
                continue;
            }
            list.Add(new HookSpec(name ?? cmd, cmd, instances, oneShot));
        }
        return list;
    }

    // Kontena ran pre_build hooks on `kontena stack build`; images are not built on install here.
    private static T Ignored<T>(ParseContext ctx, YamlScalar key, string path, T unchanged)
    {
        ctx.Warn(key, path, "`pre_build` hooks are ignored: images are not built on install");
        return unchanged;
    }

    private static T Unknown<T>(ParseContext ctx, YamlScalar key, string path, IEnumerable<string> known, string what, T unchanged)
    {
        ctx.Unknown(key, path, known, StackSeverity.Error, what);
        return unchanged;
    }
}
