using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal sealed partial class StackParser
{
    private ValueList<StackServiceSpec> Services(YamlNode node)
    {
        if (node is YamlScalar { IsNull: true } || NodeReader.Mapping(_ctx, node, "services") is not { } services)
        {
            return ValueList<StackServiceSpec>.Empty;
        }
        var extends = new ExtendsResolver(_ctx, _interpolator);
        var list = new List<StackServiceSpec>();
        foreach (var (key, value) in services.Entries)
        {
            var path = ParseContext.Join("services", key.Value);
            if (value is not YamlMapping map)
            {
                _ctx.Error(value is YamlScalar { IsNull: true } ? key : value, path, $"a service must be a mapping of keys (image, ports, …), not {value.Kind}");
                continue;
            }
            if (!Conditions.Keep(_ctx, map, path))
            {
                continue;
            }
            var resolved = extends.Resolve(key.Value, map, services, _file, path);
            list.Add(ServiceParser.Parse(_ctx, key, resolved, path, _file));
        }
        return list;
    }

    private ValueMap<NetworkSpec> Networks(YamlNode node)
    {
        var networks = new Dictionary<string, NetworkSpec>(StringComparer.Ordinal);
        foreach (var (key, map, path) in Entries(node, "networks"))
        {
            var spec = new NetworkSpec();
            foreach (var (k, v) in map?.Entries ?? [])
            {
                var p = ParseContext.Join(path, k.Value);
                switch (k.Value)
                {
                    case "external": spec = External(v, p, spec.ExternalName) is var (ext, extName) ? spec with { External = ext, ExternalName = extName ?? spec.ExternalName } : spec; break;
                    case "name": spec = spec with { ExternalName = NodeReader.String(_ctx, v, p) }; break;
                    case "labels": break;
                    case "driver" or "driver_opts" or "ipam" or "attachable" or "internal" or "enable_ipv6":
                        _ctx.Warn(k, p, $"`{k.Value}` is ignored: the grid's overlay network connects every service");
                        break;
                    default: _ctx.Unknown(k, p, TopLevelKeys.Network, StackSeverity.Error, "network key"); break;
                }
            }
            networks[key.Value] = spec;
        }
        return new(networks);
    }

    private ValueMap<VolumeSpec> Volumes(YamlNode node)
    {
        var volumes = new Dictionary<string, VolumeSpec>(StringComparer.Ordinal);
        foreach (var (key, map, path) in Entries(node, "volumes"))
        {
            var spec = new VolumeSpec();
            foreach (var (k, v) in map?.Entries ?? [])
            {
                var p = ParseContext.Join(path, k.Value);
                spec = k.Value switch
                {
                    "external" => External(v, p, spec.ExternalName) is var (ext, extName) ? spec with { External = ext, ExternalName = extName ?? spec.ExternalName } : spec,
                    "name" => spec with { ExternalName = NodeReader.String(_ctx, v, p) },
                    "driver" => spec with { Driver = NodeReader.String(_ctx, v, p) },
                    "driver_opts" => spec with { DriverOpts = NodeReader.StringMap(_ctx, v, p) },
                    "labels" => spec,
                    _ => UnknownKey(k, p, TopLevelKeys.Volume, "volume key", spec),
                };
            }
            if (!IsVolumeName(key.Value))
            {
                _ctx.Error(key, path, $"volume name `{key.Value}` is not a Docker volume name (a letter or digit, then letters, digits, `_`, `.`, `-`)");
            }
            if (spec.ExternalName is { } name && !IsVolumeName(name))
            {
                _ctx.Error(map ?? (YamlNode)key, ParseContext.Join(path, "name"), $"volume name `{name}` is not a Docker volume name (a letter or digit, then letters, digits, `_`, `.`, `-`)");
            }
            volumes[key.Value] = spec;
        }
        return new(volumes);
    }

    private ValueMap<SecretSpec> Secrets(YamlNode node, string section)
    {
        var secrets = new Dictionary<string, SecretSpec>(StringComparer.Ordinal);
        foreach (var (key, map, path) in Entries(node, section))
        {
            var spec = new SecretSpec();
            foreach (var (k, v) in map?.Entries ?? [])
            {
                var p = ParseContext.Join(path, k.Value);
                spec = k.Value switch
                {
                    "file" => spec with { File = NodeReader.String(_ctx, v, p) },
                    "environment" => spec with { Environment = NodeReader.String(_ctx, v, p) },
                    "content" when section == "configs" => spec with { Content = NodeReader.String(_ctx, v, p) },
                    "external" => External(v, p, spec.ExternalName) is var (ext, extName) ? spec with { External = ext, ExternalName = extName ?? spec.ExternalName } : spec,
                    "name" => spec with { ExternalName = NodeReader.String(_ctx, v, p) },
                    "labels" or "driver" or "template_driver" => spec,
                    _ => UnknownKey(k, p, TopLevelKeys.Secret, section == "configs" ? "config key" : "secret key", spec),
                };
            }
            var sources = (spec.File is null ? 0 : 1) + (spec.Environment is null ? 0 : 1) + (spec.Content is null ? 0 : 1) + (spec.External ? 1 : 0);
            if (sources != 1)
            {
                _ctx.Error(map ?? (YamlNode)key, path, $"set exactly one of `file`, `environment`{(section == "configs" ? ", `content`" : "")} or `external: true`");
            }
            if (section == "configs" && spec.File is { } file && sources == 1)
            {
                spec = spec with { FileContent = ReadConfigFile(map!, path, file) };
            }
            if (section == "secrets" && spec.External && sources == 1)
            {
                // Compose's external secret is one the platform already holds: the grid's vault.
                ServiceParser.CheckVaultSecret(_ctx, map ?? (YamlNode)key, path, spec.ExternalName ?? key.Value);
            }
            secrets[key.Value] = spec;
        }
        return new(secrets);
    }

    /// <summary>external: true | false | {name: x} (the v3 form).</summary>
    private (bool External, string? Name)? External(YamlNode value, string path, string? name)
    {
        if (value is YamlMapping map)
        {
            return (true, map["name"] is { } n ? NodeReader.String(_ctx, n, ParseContext.Join(path, "name")) : name);
        }
        return NodeReader.Bool(_ctx, value, path) is { } b ? (b, name) : null;
    }

    private IEnumerable<(YamlScalar Key, YamlMapping? Map, string Path)> Entries(YamlNode node, string section)
    {
        if (node is YamlScalar { IsNull: true } || NodeReader.Mapping(_ctx, node, section) is not { } map)
        {
            yield break;
        }
        foreach (var (key, value) in map.Entries)
        {
            var path = ParseContext.Join(section, key.Value);
            _ctx.Remember(path, key);
            if (value is YamlScalar { IsNull: true })
            {
                yield return (key, null, path);
            }
            else if (NodeReader.Mapping(_ctx, value, path) is { } m)
            {
                yield return (key, m, path);
            }
        }
    }

    private T UnknownKey<T>(YamlScalar key, string path, IEnumerable<string> known, string what, T unchanged)
    {
        _ctx.Unknown(key, path, known, StackSeverity.Error, what);
        return unchanged;
    }

    private static bool IsVolumeName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');

    /// <summary>
    /// A config's file, read relative to the stack file (the CLI reads it and sends it with the stack, the master reads
    /// what was sent); without a reader (a model parsed for itself) it is left unread.
    /// </summary>
    private string? ReadConfigFile(YamlMapping map, string path, string file)
    {
        if (_ctx.Options.ResolveFile is not { } resolve)
        {
            return null;
        }
        var resolved = FilePaths.Resolve(_file, file);
        var text = resolve(resolved);
        if (text is null)
        {
            var at = ParseContext.Join(path, "file");
            _ctx.Error(map["file"] ?? map, at, $"config file `{file}` (read as {resolved}) was not found: a config file is read relative to the stack file by `satama stack install`, which sends it with the stack");
        }
        return text;
    }
}
