using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;
using Map = System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object>>;
using Seq = System.Collections.Generic.List<object>;

namespace Satama.Core.Stacks;

/// <summary>
/// Writes a normalized stack as a satama.yml: deterministic (fixed key order, maps sorted), every key in its
/// Satama form (<c>stack:</c>, long port and volume syntax, <c>instances</c>), so that parsing the output gives
/// an equal <see cref="StackSpec"/>.
/// </summary>
public static partial class StackSerializer
{
    public static string Serialize(StackSpec stack)
    {
        var root = new Map();
        Add(root, "stack", stack.Name);
        Add(root, "version", stack.Version);
        Add(root, "description", stack.Description);
        Add(root, "expose", stack.Expose);
        var services = new Map();
        foreach (var svc in stack.Services)
        {
            Add(services, svc.Name, Service(svc));
        }
        Add(root, "services", services);
        if (stack.Networks.Count > 0)
        {
            Add(root, "networks", Entries(stack.Networks, n => Build(m =>
            {
                AddIf(m, "external", n.External);
                Add(m, "name", n.ExternalName);
            })));
        }
        if (stack.Volumes.Count > 0)
        {
            Add(root, "volumes", Entries(stack.Volumes, v => Build(m =>
            {
                AddIf(m, "external", v.External);
                Add(m, "name", v.ExternalName);
                Add(m, "driver", v.Driver);
                AddMap(m, "driver_opts", v.DriverOpts);
            })));
        }
        if (stack.Secrets.Count > 0)
        {
            Add(root, "secrets", Entries(stack.Secrets, Secret));
        }
        if (stack.Configs.Count > 0)
        {
            Add(root, "configs", Entries(stack.Configs, Secret));
        }
        if (stack.Dependencies.Count > 0)
        {
            var depends = new Map();
            foreach (var dep in stack.Dependencies)
            {
                Add(depends, dep.Name, Build(m =>
                {
                    Add(m, "stack", dep.File);
                    AddMap(m, "variables", dep.Variables);
                }));
            }
            Add(root, "depends", depends);
        }
        return YamlEmitter.Render(root);
    }

    private static Map Secret(SecretSpec s) => Build(m =>
    {
        Add(m, "file", s.File);
        Add(m, "environment", s.Environment);
        Add(m, "content", s.Content);
        AddIf(m, "external", s.External);
        Add(m, "name", s.ExternalName);
    });

    private static Map Entries<T>(ValueMap<T> items, Func<T, Map> write)
    {
        var map = new Map();
        foreach (var (name, item) in items)
        {
            Add(map, name, write(item));
        }
        return map;
    }

    private static Map Build(Action<Map> fill)
    {
        var map = new Map();
        fill(map);
        return map;
    }

    private static void Add(Map map, string key, object? value)
    {
        if (value is not null)
        {
            map.Add(new(key, value));
        }
    }

    /// <summary>A flag written only when set, as its default is false.</summary>
    private static void AddIf(Map map, string key, bool value)
    {
        if (value)
        {
            map.Add(new(key, true));
        }
    }

    private static void AddList(Map map, string key, IEnumerable<string>? values)
    {
        if (values is not null && values.Any())
        {
            map.Add(new(key, values.Cast<object>().ToList()));
        }
    }

    private static void AddMap(Map map, string key, ValueMap<string> values)
    {
        if (values.Count > 0)
        {
            map.Add(new(key, Strings(values)));
        }
    }

    private static Map Strings(ValueMap<string> values) => values.Select(kv => new KeyValuePair<string, object>(kv.Key, kv.Value)).ToList();

    private static Seq List(IEnumerable<string> values) => values.Cast<object>().ToList();
}
