using System.Globalization;
using Satama.Core.Model;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>The container runtime keys checked where they are written, so a bad value points at its line and column.</summary>
internal static partial class ServiceParser
{
    private static string? ReadStopSignal(ParseContext ctx, YamlNode value, string path)
    {
        var text = NodeReader.String(ctx, value, path)?.Trim();
        if (text is not null && RuntimeValidator.CheckSignal(text) is { } error)
        {
            ctx.Error(value, path, error);
            return null;
        }
        return text;
    }

    private static string? ReadStopGracePeriod(ParseContext ctx, YamlNode value, string path)
    {
        var text = NodeReader.Duration(ctx, value, path);
        if (text is not null && Durations.TryParse(text, out var grace) && grace > RuntimeValidator.MaxStopGracePeriod)
        {
            ctx.Error(value, path, $"stop_grace_period must be at most 1h, not `{text}`");
            return null;
        }
        return text;
    }

    /// <summary>
    /// The limits after every key is read: Docker's minimums, and <c>mem_limit</c>/<c>cpus</c> against
    /// <c>deploy.resources.limits</c> (both may be written, as Compose allows, but then they must agree).
    /// </summary>
    private static void CheckLimits(ParseContext ctx, YamlMapping map, string path, StackServiceSpec svc)
    {
        var limits = svc.Deploy?.Resources?.Limits;
        var deployLimits = Child(Child(Child(map, "deploy"), "resources"), "limits");
        var memoryNodes = new[] { (Node: map["mem_limit"], Path: ParseContext.Join(path, "mem_limit"), Text: svc.MemLimit),
            (Node: deployLimits?["memory"], Path: ParseContext.Join(path, "deploy.resources.limits.memory"), Text: limits?.Memory) };
        foreach (var (node, p, text) in memoryNodes)
        {
            if (node is not null && text is not null && StackPlacementMapper.Bytes(text) is > 0 and < RuntimeValidator.MinMemoryBytes and var bytes)
            {
                ctx.Error(node, p, RuntimeValidator.MemoryError(bytes));
            }
        }
        if (svc.MemLimit is { } mem && limits?.Memory is { } deployMemory && map["mem_limit"] is { } memNode
            && StackPlacementMapper.Bytes(mem) != StackPlacementMapper.Bytes(deployMemory))
        {
            ctx.Error(memNode, ParseContext.Join(path, "mem_limit"), $"mem_limit is {mem} but deploy.resources.limits.memory is {deployMemory}; keep one");
        }
        var cpuNodes = new[] { (Node: map["cpus"], Path: ParseContext.Join(path, "cpus"), Text: svc.Cpus),
            (Node: deployLimits?["cpus"], Path: ParseContext.Join(path, "deploy.resources.limits.cpus"), Text: limits?.Cpus) };
        foreach (var (node, p, text) in cpuNodes)
        {
            if (node is not null && Cpus(text) is > 0 and < 0.01)
            {
                ctx.Error(node, p, $"a cpu limit must be at least 0.01, not {text}");
            }
        }
        if (Cpus(svc.Cpus) is { } cpus && Cpus(limits?.Cpus) is { } deployCpus && cpus != deployCpus && map["cpus"] is { } cpuNode)
        {
            ctx.Error(cpuNode, ParseContext.Join(path, "cpus"), $"cpus is {svc.Cpus} but deploy.resources.limits.cpus is {limits!.Cpus}; keep one");
        }
    }

    private static double? Cpus(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static YamlMapping? Child(YamlMapping? map, string key) => map?[key] as YamlMapping;

    /// <summary>The container settings, each problem at the item that has it (a list item or a mapping key).</summary>
    private static void CheckSettings(ParseContext ctx, YamlMapping map, string path, StackServiceSpec svc)
    {
        Check(ctx, map, path, "user", svc.User is { } user ? [user] : [], s => s, RuntimeValidator.CheckUser);
        Check(ctx, map, path, "working_dir", svc.WorkingDir is { } dir ? [dir] : [], s => s, RuntimeValidator.CheckWorkingDir);
        Check(ctx, map, path, "hostname", svc.Hostname is { } host ? [host] : [], s => s, RuntimeValidator.CheckHostname);
        Check(ctx, map, path, "labels", svc.Labels.Keys, s => s, RuntimeValidator.CheckLabel);
        Check(ctx, map, path, "tmpfs", svc.Tmpfs, s => s, RuntimeValidator.CheckTmpfs);
        Check(ctx, map, path, "cap_add", svc.CapAdd, s => s, RuntimeValidator.CheckCapability);
        Check(ctx, map, path, "cap_drop", svc.CapDrop, s => s, RuntimeValidator.CheckCapability);
        Check(ctx, map, path, "extra_hosts", svc.ExtraHosts.Select(StackRuntimeMapper.ExtraHost), s => s.Split(':')[0], RuntimeValidator.CheckExtraHost);
        Check(ctx, map, path, "sysctls", svc.Sysctls.Keys, s => s, RuntimeValidator.CheckSysctl);
        Check(ctx, map, path, "ulimits", svc.Ulimits.Keys, s => s,
            name => RuntimeValidator.CheckUlimit(StackRuntimeMapper.Ulimit(name, svc.Ulimits[name])));
    }

    private static void Check(ParseContext ctx, YamlMapping map, string path, string key, IEnumerable<string> items, Func<string, string> needle,
        Func<string, string?> check)
    {
        if (map[key] is not { } node)
        {
            return;
        }
        foreach (var item in items)
        {
            if (check(item) is { } error)
            {
                ctx.Error(Locate(node, needle(item)), ParseContext.Join(path, key), error);
            }
        }
    }

    /// <summary>The mapping key or list item that holds <paramref name="needle"/>, else the whole value.</summary>
    private static YamlNode Locate(YamlNode node, string needle) => node switch
    {
        YamlMapping m => (YamlNode?)m.KeyOf(needle) ?? m,
        YamlSequence s => s.Items.OfType<YamlScalar>().FirstOrDefault(i => i.Value == needle
            || i.Value.StartsWith(needle + "=", StringComparison.Ordinal) || i.Value.StartsWith(needle + ":", StringComparison.Ordinal)) ?? (YamlNode)s,
        _ => node,
    };
}
