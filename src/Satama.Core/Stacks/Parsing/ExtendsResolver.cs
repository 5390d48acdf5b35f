using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>
/// Resolves <c>extends</c> (same file or <c>file:</c> through the resolver) by merging the base service's mapping
/// under the service's own, with Compose's rules: the service's scalars win, mappings merge, and lists that
/// accumulate (ports, volumes, dns, …) are joined.
/// </summary>
internal sealed class ExtendsResolver(ParseContext ctx, TreeInterpolator interpolator)
{
    /// <summary>A chain longer than this is a mistake rather than a design.</summary>
    private const int MaxChain = 10;

    private static readonly HashSet<string> s_joinedLists = new(StringComparer.Ordinal)
    {
        "ports", "expose", "external_links", "links", "dns", "dns_search", "tmpfs", "volumes", "devices", "cap_add", "cap_drop",
        "env_file", "secrets", "configs", "profiles", "extra_hosts", "affinity",
    };

    private static readonly HashSet<string> s_keyValueMaps = new(StringComparer.Ordinal) { "environment", "labels", "sysctls" };

    private readonly Dictionary<string, YamlMapping?> _files = new(StringComparer.Ordinal);

    public YamlMapping Resolve(string name, YamlMapping service, YamlMapping services, string file, string path) =>
        Resolve(name, service, services, file, path, [$"{file}#{name}"]);

    private YamlMapping Resolve(string name, YamlMapping service, YamlMapping services, string file, string path, List<string> chain)
    {
        if (service["extends"] is not { } extends)
        {
            return service;
        }
        var extendsPath = ParseContext.Join(path, "extends");
        string? baseName = null, baseFile = null;
        if (extends is YamlScalar s && !s.IsNull)
        {
            baseName = s.Value;
        }
        else if (NodeReader.Mapping(ctx, extends, extendsPath) is { } map)
        {
            baseName = map["service"] is { } sv ? NodeReader.String(ctx, sv, ParseContext.Join(extendsPath, "service")) : null;
            baseFile = map["file"] is { } fv ? NodeReader.String(ctx, fv, ParseContext.Join(extendsPath, "file")) : null;
            foreach (var key in map.Entries.Select(e => e.Key).Where(k => k.Value is not ("service" or "file")))
            {
                ctx.Unknown(key, ParseContext.Join(extendsPath, key.Value), ["service", "file"], StackSeverity.Error, "extends key");
            }
        }
        if (baseName is null)
        {
            ctx.Error(extends, extendsPath, "extends needs `service` (the service to start from)");
            return service;
        }
        if (chain.Count > MaxChain)
        {
            ctx.Error(extends, extendsPath, $"extends goes more than {MaxChain} services deep; is there a cycle?");
            return service;
        }
        var targetFile = baseFile is null ? file : FilePaths.Resolve(file, baseFile);
        var targetServices = baseFile is null ? services : LoadServices(targetFile, extends, extendsPath);
        if (targetServices is null)
        {
            return service;
        }
        if (targetServices[baseName] is not YamlMapping baseService)
        {
            ctx.Error(extends, extendsPath, $"extends: service `{baseName}` not found" +
                (baseFile is null ? "" : $" in `{baseFile}`") + KeySuggester.Hint(baseName, targetServices.Entries.Select(e => e.Key.Value)));
            return service;
        }
        if (baseFile is null && baseName == name)
        {
            ctx.Error(extends, extendsPath, $"service `{name}` extends itself");
            return service;
        }
        var link = $"{targetFile}#{baseName}";
        if (chain.Contains(link))
        {
            var names = chain.Skip(chain.IndexOf(link)).Append(link).Select(l => l[(l.IndexOf('#') + 1)..]);
            ctx.Error(extends, extendsPath, $"extends cycle: {string.Join(" -> ", names)}");
            return service;
        }
        var resolvedBase = Resolve(baseName, baseService, targetServices, targetFile, "services." + baseName, [.. chain, link]);
        return Merge(resolvedBase, service);
    }

    private YamlMapping? LoadServices(string file, YamlNode at, string path)
    {
        if (_files.TryGetValue(file, out var cached))
        {
            return cached;
        }
        YamlMapping? services = null;
        var text = ctx.Options.ResolveFile?.Invoke(file);
        if (text is null)
        {
            ctx.Error(at, path, $"extends: file `{file}` not found");
        }
        else if (YamlLoader.Load(text, file, ctx.Diagnostics) is { } root)
        {
            if (root is YamlMapping top && top["services"] is YamlMapping s)
            {
                services = (YamlMapping)interpolator.Interpolate(s, "services");
            }
            else
            {
                ctx.Error(root, "", $"`{file}` has no `services` mapping to extend from");
            }
        }
        _files[file] = services;
        return services;
    }

    private static YamlMapping Merge(YamlMapping baseMap, YamlMapping own)
    {
        var merged = new YamlMapping(own.Mark);
        foreach (var (key, value) in own.Entries)
        {
            if (key.Value == "extends")
            {
                continue;
            }
            var inherited = baseMap[key.Value];
            merged.Add(key, inherited is null ? value : MergeValue(key.Value, inherited, value));
        }
        foreach (var (key, value) in baseMap.Entries)
        {
            if (key.Value != "extends" && !own.Contains(key.Value))
            {
                merged.Add(key, value);
            }
        }
        return merged;
    }

    private static YamlNode MergeValue(string key, YamlNode inherited, YamlNode own)
    {
        if (s_keyValueMaps.Contains(key))
        {
            return MergeMaps(AsMapping(inherited), AsMapping(own));
        }
        return (inherited, own) switch
        {
            (YamlSequence a, YamlSequence b) when s_joinedLists.Contains(key) => Join(a, b),
            (YamlMapping a, YamlMapping b) => MergeMaps(a, b),
            _ => own,
        };
    }

    private static YamlMapping MergeMaps(YamlMapping a, YamlMapping b)
    {
        var merged = new YamlMapping(b.Mark);
        foreach (var (key, value) in b.Entries)
        {
            merged.Add(key, a[key.Value] is { } inherited ? MergeValue(key.Value, inherited, value) : value);
        }
        foreach (var entry in a.Entries.Where(e => !b.Contains(e.Key.Value)))
        {
            merged.Add(entry.Key, entry.Value);
        }
        return merged;
    }

    private static YamlSequence Join(YamlSequence a, YamlSequence b)
    {
        var joined = new YamlSequence(b.Mark);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in a.Items.Concat(b.Items))
        {
            if (item is not YamlScalar s || seen.Add(s.Value))
            {
                joined.Add(item);
            }
        }
        return joined;
    }

    // environment and labels may be a list of KEY=value on one side and a mapping on the other.
    private static YamlMapping AsMapping(YamlNode node)
    {
        if (node is YamlMapping map)
        {
            return map;
        }
        var result = new YamlMapping(node.Mark);
        if (node is YamlSequence seq)
        {
            foreach (var item in seq.Items.OfType<YamlScalar>())
            {
                var eq = item.Value.IndexOf('=', StringComparison.Ordinal);
                var key = new YamlScalar(item.Mark, eq < 0 ? item.Value : item.Value[..eq], plain: true);
                if (!result.Contains(key.Value))
                {
                    result.Add(key, new YamlScalar(item.Mark, eq < 0 ? "" : item.Value[(eq + 1)..], plain: eq < 0));
                }
            }
        }
        return result;
    }
}
