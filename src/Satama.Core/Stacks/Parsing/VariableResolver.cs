using System.Globalization;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>
/// Resolves Kontena <c>variables</c> in the order written: <c>--var</c> first, then <c>value</c>, then the
/// <c>from</c> chain (env, prompt, random_string, random_number, random_uuid, vault, service_link) in its
/// order, then <c>default</c>; then checks the value against its type. Each definition is interpolated with
/// the variables resolved before it.
/// </summary>
internal sealed partial class VariableResolver(ParseContext ctx, TreeInterpolator interpolator)
{
    private static readonly string[] s_keys =
    [
        "type", "value", "default", "required", "description", "label", "from", "to", "only_if", "skip_if", "min", "max",
        "min_length", "max_length", "empty_is_nil", "as", "options", "echo", "hidden",
    ];

    private static readonly string[] s_sources = ["env", "prompt", "random_string", "random_number", "random_uuid", "vault", "service_link", "value"];

    public void Resolve(YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } variables)
        {
            return;
        }
        foreach (var (nameKey, rawDefinition) in variables.Entries)
        {
            var name = nameKey.Value;
            var p = ParseContext.Join(path, name);
            ctx.Remember(p, nameKey);
            if (rawDefinition is YamlScalar { IsNull: true })
            {
                ResolveOne(name, nameKey, new YamlMapping(nameKey.Mark), p);
                continue;
            }
            if (NodeReader.Mapping(ctx, rawDefinition, p) is not { } raw)
            {
                continue;
            }
            var definition = (YamlMapping)interpolator.Interpolate(raw, p);
            if (Conditions.Keep(ctx, definition, p))
            {
                ResolveOne(name, nameKey, definition, p);
            }
        }
    }

    private void ResolveOne(string name, YamlScalar nameKey, YamlMapping def, string path)
    {
        foreach (var key in def.Entries.Select(e => e.Key).Where(k => !s_keys.Contains(k.Value)))
        {
            ctx.Unknown(key, ParseContext.Join(path, key.Value), s_keys, StackSeverity.Error, "variable key");
        }
        var type = def["type"] is { } t ? NodeReader.String(ctx, t, ParseContext.Join(path, "type")) ?? "string" : "string";
        if (type is not ("string" or "integer" or "boolean" or "enum" or "uri"))
        {
            ctx.Error(def["type"]!, ParseContext.Join(path, "type"), $"variable type must be string, integer, boolean, enum or uri, not `{type}`");
            type = "string";
        }
        var source = new SourceOutcome();
        var value = ctx.Options.Variables.TryGetValue(name, out var passed) ? passed : null;
        if (value is null && def["value"] is { } fixedValue)
        {
            value = NodeReader.String(ctx, fixedValue, ParseContext.Join(path, "value"));
        }
        if (value is null && def["from"] is { } from)
        {
            value = FromChain(name, type, def, from, ParseContext.Join(path, "from"), source);
        }
        if (value is null && def["default"] is { } defaultNode)
        {
            value = NodeReader.String(ctx, defaultNode, ParseContext.Join(path, "default"));
        }
        if (value is "" && def["empty_is_nil"] is { } emptyIsNil && NodeReader.Bool(ctx, emptyIsNil, ParseContext.Join(path, "empty_is_nil")) == true)
        {
            value = null;
        }
        var required = def["required"] is { } r && NodeReader.Bool(ctx, r, ParseContext.Join(path, "required")) == true;
        var errorsBefore = ctx.Diagnostics.Count(d => d.IsError);
        if (value is null)
        {
            if (source.Unchecked)
            {
                // Only a master knows (vault, service_link): carry on with an empty value, noted as unchecked.
                ctx.Values[name] = "";
                ctx.Unchecked.Add(name);
            }
            else if (source.Prompted)
            {
                ctx.Error(nameKey, path, $"variable `{name}` has no value and there is no terminal to ask for it: pass it with --var {name}=...");
            }
            else if (required)
            {
                ctx.Error(nameKey, path, $"variable `{name}` is required: pass it with --var {name}=...");
            }
            Quiet(name, errorsBefore);
            return;
        }
        value = Check(name, type, value, def, nameKey, path);
        if (value is null)
        {
            Quiet(name, errorsBefore);
            return;
        }
        ctx.Values[name] = value;
        if (def["to"] is { } to)
        {
            To(name, value, to, ParseContext.Join(path, "to"));
        }
    }

    // A variable already reported as wrong should not also be reported as "not set" wherever it is used.
    private void Quiet(string name, int errorsBefore)
    {
        if (ctx.Diagnostics.Count(d => d.IsError) > errorsBefore)
        {
            ctx.Unchecked.Add(name);
        }
    }

    private void To(string name, string value, YamlNode node, string path)
    {
        if (NodeReader.Mapping(ctx, node, path) is not { } map)
        {
            return;
        }
        foreach (var (key, target) in map.Entries)
        {
            var p = ParseContext.Join(path, key.Value);
            var targetName = NodeReader.String(ctx, target, p);
            switch (key.Value)
            {
                case "env" when targetName is not null:
                    ctx.Values[targetName] = value;
                    break;
                case "vault" when targetName is not null:
                    ctx.VaultWrites[targetName] = value;
                    if (ctx.Options.Vault is null)
                    {
                        ctx.Info(target, p, $"variable `{name}` is written to vault secret `{targetName}` on install (needs a master)");
                    }
                    break;
                case "env" or "vault":
                    break;
                default:
                    ctx.Unknown(key, p, ["env", "vault"], StackSeverity.Error, "variable target");
                    break;
            }
        }
    }

    private string? Check(string name, string type, string value, YamlMapping def, YamlScalar at, string path)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case "integer":
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, inv, out var n))
                {
                    ctx.Error(at, path, $"variable `{name}`: `{value}` is not an integer");
                    return null;
                }
                if (Bound(def, "min", path) is { } min && n < min)
                {
                    ctx.Error(at, path, $"variable `{name}`: {n} is less than the minimum {min}");
                    return null;
                }
                if (Bound(def, "max", path) is { } max && n > max)
                {
                    ctx.Error(at, path, $"variable `{name}`: {n} is more than the maximum {max}");
                    return null;
                }
                return n.ToString(inv);
            case "boolean":
                bool b;
                switch (value.ToLowerInvariant())
                {
                    case "true" or "yes" or "on" or "1": b = true; break;
                    case "false" or "no" or "off" or "0": b = false; break;
                    default:
                        ctx.Error(at, path, $"variable `{name}`: `{value}` is not true or false");
                        return null;
                }
                return BooleanAs(def, path, b);
            case "enum":
                var options = EnumOptions(def, path);
                if (!options.Contains(value))
                {
                    ctx.Error(at, path, $"variable `{name}`: `{value}` is not one of {string.Join(", ", options)}");
                    return null;
                }
                return value;
            case "uri":
                if (!Uri.TryCreate(value, UriKind.Absolute, out _))
                {
                    ctx.Error(at, path, $"variable `{name}`: `{value}` is not an absolute URI");
                    return null;
                }
                return value;
            default:
                if (Bound(def, "min_length", path) is { } minLength && value.Length < minLength)
                {
                    ctx.Error(at, path, $"variable `{name}` must be at least {minLength} characters long");
                    return null;
                }
                if (Bound(def, "max_length", path) is { } maxLength && value.Length > maxLength)
                {
                    ctx.Error(at, path, $"variable `{name}` must be at most {maxLength} characters long");
                    return null;
                }
                return value;
        }
    }

    private long? Bound(YamlMapping def, string key, string path) =>
        def[key] is { } node ? NodeReader.Int(ctx, node, ParseContext.Join(path, key)) : null;

    private string BooleanAs(YamlMapping def, string path, bool value)
    {
        var format = def["as"] is { } asNode ? NodeReader.String(ctx, asNode, ParseContext.Join(path, "as")) : null;
        return format switch
        {
            "integer" => value ? "1" : "0",
            "yes_no" => value ? "yes" : "no",
            null or "boolean" or "string" => value ? "true" : "false",
            _ => Invalid(def["as"]!, ParseContext.Join(path, "as"), $"as must be boolean, integer or yes_no, not `{format}`", value ? "true" : "false"),
        };
    }

    private List<string> EnumOptions(YamlMapping def, string path)
    {
        var options = new List<string>();
        if (def["options"] is not YamlSequence seq)
        {
            ctx.Error(def, path, "an enum variable needs `options`, a list of the allowed values");
            return options;
        }
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var itemPath = ParseContext.Index(ParseContext.Join(path, "options"), i);
            var item = seq.Items[i] is YamlMapping m && m["value"] is { } v ? v : seq.Items[i];
            if (NodeReader.String(ctx, item, itemPath) is { } option)
            {
                options.Add(option);
            }
        }
        return options;
    }

    private string Invalid(YamlNode node, string path, string message, string fallback)
    {
        ctx.Error(node, path, message);
        return fallback;
    }

    private sealed class SourceOutcome
    {
        public bool Prompted { get; set; }

        public bool Unchecked { get; set; }
    }
}
