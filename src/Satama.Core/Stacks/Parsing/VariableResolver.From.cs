using System.Globalization;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

internal sealed partial class VariableResolver
{
    private const int MaxRandomLength = 4096;

    private string? FromChain(string name, string type, YamlMapping def, YamlNode from, string path, SourceOutcome outcome)
    {
        var sources = new List<(YamlScalar Key, YamlNode Arg)>();
        if (from is YamlScalar { IsNull: false } single)
        {
            sources.Add((single, new YamlScalar(single.Mark, "", plain: true)));
        }
        else if (NodeReader.Mapping(ctx, from, path) is { } map)
        {
            sources.AddRange(map.Entries.Select(e => (e.Key, e.Value)));
        }
        foreach (var (key, arg) in sources)
        {
            var p = ParseContext.Join(path, key.Value);
            var value = key.Value switch
            {
                "env" => FromEnv(name, arg, p),
                "prompt" => FromPrompt(name, type, def, arg, p, outcome),
                "random_string" => RandomString(name, arg, p),
                "random_number" => RandomNumber(name, arg, p),
                "random_uuid" => Random(name, arg, p) is { } r ? RandomValues.Uuid(r) : null,
                "value" => NodeReader.String(ctx, arg, p),
                "vault" or "service_link" => Unchecked(name, key.Value, arg, p, outcome),
                _ => UnknownSource(key, p),
            };
            if (value is not null)
            {
                if (key.Value.StartsWith("random_", StringComparison.Ordinal))
                {
                    ctx.Generated[name] = value;
                }
                outcome.Unchecked = false;
                return value;
            }
        }
        return null;
    }

    private string? FromEnv(string name, YamlNode arg, string path)
    {
        if (arg is YamlScalar { IsNull: true } or YamlScalar { Value: "" })
        {
            // `from: env` without a name: the variable's own name, or its upper-case form (db_host reads DB_HOST).
            return ctx.Options.Environment.TryGetValue(name, out var own) ? own :
                ctx.Options.Environment.TryGetValue(name.ToUpperInvariant(), out var upper) ? upper : null;
        }
        var envName = NodeReader.String(ctx, arg, path) ?? name;
        return ctx.Options.Environment.TryGetValue(envName, out var value) ? value : null;
    }

    private string? FromPrompt(string name, string type, YamlMapping def, YamlNode arg, string path, SourceOutcome outcome)
    {
        if (!ctx.Options.Interactive || ctx.Options.Prompt is null)
        {
            outcome.Prompted = true;
            return null;
        }
        var question = arg is YamlScalar { IsNull: false, Value.Length: > 0 } q ? q.Value : $"Enter {name}";
        var defaultValue = def["default"] is YamlScalar { IsNull: false } d ? d.Value : null;
        var options = type == "enum" ? EnumOptions(def, path) : [];
        var secret = def["echo"] is YamlScalar { Value: "false" };
        return ctx.Options.Prompt(new StackVariablePrompt(name, question, defaultValue, options, secret));
    }

    private string? RandomString(string name, YamlNode arg, string path)
    {
        int? length;
        var charset = RandomValues.Charsets["alphanumeric"];
        if (arg is YamlMapping map)
        {
            length = map["length"] is { } l ? NodeReader.Int(ctx, l, ParseContext.Join(path, "length"), 1, MaxRandomLength) : null;
            if (map["charset"] is { } c && NodeReader.String(ctx, c, ParseContext.Join(path, "charset")) is { } set)
            {
                if (!RandomValues.Charsets.TryGetValue(set, out charset!))
                {
                    ctx.Error(c, ParseContext.Join(path, "charset"),
                        $"charset must be one of {string.Join(", ", RandomValues.Charsets.Keys)}, not `{set}`{KeySuggester.Hint(set, RandomValues.Charsets.Keys)}");
                    return null;
                }
            }
        }
        else
        {
            length = NodeReader.Int(ctx, arg, path, 1, MaxRandomLength);
        }
        if (length is null)
        {
            ctx.Error(arg, path, "random_string needs a length (e.g. `random_string: 32`)");
            return null;
        }
        return Random(name, arg, path) is { } r ? RandomValues.String(r, length.Value, charset) : null;
    }

    private string? RandomNumber(string name, YamlNode arg, string path)
    {
        if (NodeReader.Mapping(ctx, arg, path) is not { } map)
        {
            return null;
        }
        var min = map["min"] is { } a ? NodeReader.Int(ctx, a, ParseContext.Join(path, "min")) : 0;
        var max = map["max"] is { } b ? NodeReader.Int(ctx, b, ParseContext.Join(path, "max")) : int.MaxValue;
        if (min is null || max is null)
        {
            return null;
        }
        if (max < min)
        {
            ctx.Error(arg, path, $"random_number: max {max} is less than min {min}");
            return null;
        }
        return Random(name, arg, path) is { } r ? RandomValues.Number(r, min.Value, max.Value).ToString(CultureInfo.InvariantCulture) : null;
    }

    private Func<int, int>? Random(string name, YamlNode at, string path)
    {
        if (ctx.Options.Random is null)
        {
            ctx.Error(at, path, $"variable `{name}` needs a generated value but no random source was given to the parser");
        }
        return ctx.Options.Random;
    }

    private string? Unchecked(string name, string source, YamlNode arg, string path, SourceOutcome outcome)
    {
        if (source == "vault" && ctx.Options.Vault is { } vault)
        {
            // With a vault at hand the reference is checked: a missing secret lets the chain go on (to a generator).
            return NodeReader.String(ctx, arg, path) is { } key ? vault(key) : null;
        }
        outcome.Unchecked = true;
        var what = source == "vault" && arg is YamlScalar s ? $"vault secret `{s.Value}`" : source;
        ctx.Info(arg, path, $"variable `{name}` from {what} left unchecked (needs a master)");
        return null;
    }

    private string? UnknownSource(YamlScalar key, string path)
    {
        ctx.Unknown(key, path, s_sources, StackSeverity.Error, "variable source");
        return null;
    }
}
