using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Parsing;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks;

/// <summary>
/// Checks that cut across a stack: references to undefined services, networks, volumes, secrets and configs,
/// depends_on cycles. Returns every problem, never only the first. The parser runs it with the positions it
/// saw; on a model built in code the positions are 0:0.
/// </summary>
public static class StackValidator
{
    /// <summary>The network every Compose service is on without saying so.</summary>
    public const string DefaultNetwork = "default";

    public static IReadOnlyList<StackDiagnostic> Validate(StackSpec stack, string file = "")
    {
        var diagnostics = new List<StackDiagnostic>();
        Check(stack, file, new Dictionary<string, YamlMark>(), diagnostics);
        return diagnostics;
    }

    internal static void Check(StackSpec stack, string file, IReadOnlyDictionary<string, YamlMark> marks, List<StackDiagnostic> diagnostics)
    {
        void Error(string path, string message)
        {
            var mark = marks.TryGetValue(path, out var m) ? m : new YamlMark(file, 0, 0);
            diagnostics.Add(mark.Error(path, message));
        }

        var serviceNames = stack.Services.Select(s => s.Name).ToList();
        foreach (var svc in stack.Services)
        {
            var path = "services." + svc.Name;
            foreach (var network in svc.Networks.Keys.Where(n => n != DefaultNetwork && !stack.Networks.ContainsKey(n)))
            {
                Error($"{path}.networks.{network}", $"network `{network}` is not defined under top-level `networks`{KeySuggester.Hint(network, stack.Networks.Keys)}");
            }
            for (var i = 0; i < svc.Volumes.Count; i++)
            {
                var v = svc.Volumes[i];
                if (v.Type == "volume" && v.Source is { } source && !stack.Volumes.ContainsKey(source))
                {
                    Error($"{path}.volumes[{i}]", $"volume `{source}` is not defined under top-level `volumes`{KeySuggester.Hint(source, stack.Volumes.Keys)}");
                }
                if (v.Type == "bind" && v.Source is { } host && !host.StartsWith('/'))
                {
                    // The master and the nodes never see the directory of the stack file, so a relative path means nothing there.
                    Error($"{path}.volumes[{i}]", $"bind mount source `{host}` is relative: containers run on the grid's nodes, which have no stack directory; give an absolute path on the node (e.g. /srv/{stack.Name}/{host.TrimStart('.', '~', '/')})");
                }
            }
            foreach (var twice in svc.Volumes.GroupBy(v => v.Target.TrimEnd('/'), StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Error($"{path}.volumes[{svc.Volumes.ToList().FindLastIndex(v => v.Target.TrimEnd('/') == twice.Key)}]", $"two volumes are mounted at `{twice.First().Target}`");
            }
            CheckRefs(svc.Secrets, stack.Secrets, $"{path}.secrets", "secret", Error);
            CheckRefs(svc.Configs, stack.Configs, $"{path}.configs", "config", Error);
            var configTargets = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < svc.Configs.Count; i++)
            {
                if (!configTargets.Add(Core.Model.ServiceConfig.FilePath(svc.Configs[i].Target)))
                {
                    Error($"{path}.configs[{i}]", $"two configs are mounted at `{Core.Model.ServiceConfig.FilePath(svc.Configs[i].Target)}`");
                }
            }
            foreach (var dep in svc.DependsOn)
            {
                if (dep.Service == svc.Name)
                {
                    Error($"{path}.depends_on.{dep.Service}", $"service `{svc.Name}` depends on itself");
                }
                else if (!serviceNames.Contains(dep.Service))
                {
                    Error($"{path}.depends_on.{dep.Service}", $"depends_on: service `{dep.Service}` is not defined{KeySuggester.Hint(dep.Service, serviceNames)}");
                }
            }
            for (var i = 0; i < svc.Links.Count; i++)
            {
                var target = svc.Links[i].Split(':')[0];
                if (!serviceNames.Contains(target))
                {
                    Error($"{path}.links[{i}]", $"links: service `{target}` is not defined{KeySuggester.Hint(target, serviceNames)}");
                }
            }
            foreach (var dup in svc.Ports.Where(p => p.Published is not null).GroupBy(p => (p.Published, p.Protocol, p.HostIp)).Where(g => g.Count() > 1))
            {
                Error($"{path}.ports", $"host port {dup.Key.Published}/{dup.Key.Protocol} is published more than once");
            }
        }
        if (stack.Expose is { } expose && !serviceNames.Contains(expose))
        {
            Error("expose", $"expose: service `{expose}` is not defined{KeySuggester.Hint(expose, serviceNames)}");
        }
        foreach (var cycle in DependencyCycles.Find(stack))
        {
            Error($"services.{cycle[0]}.depends_on.{cycle[1]}", $"depends_on cycle: {string.Join(" -> ", cycle)}");
        }
    }

    private static void CheckRefs(ValueList<ServiceSecretRef> refs, ValueMap<SecretSpec> defined, string path, string what, Action<string, string> error)
    {
        for (var i = 0; i < refs.Count; i++)
        {
            if (!refs[i].FromVault && !defined.ContainsKey(refs[i].Source))
            {
                error($"{path}[{i}]", $"{what} `{refs[i].Source}` is not defined under top-level `{what}s`{KeySuggester.Hint(refs[i].Source, defined.Keys)}");
            }
        }
    }
}
