using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>
/// Substitutes variables in every scalar value of a tree (never in keys, as Compose does), giving a new tree.
/// Problems carry the scalar's position and key path.
/// </summary>
internal sealed class TreeInterpolator(ParseContext ctx)
{
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public YamlNode Interpolate(YamlNode node, string path, Func<string, bool>? skipKey = null)
    {
        switch (node)
        {
            case YamlScalar s:
                return Scalar(s, path);
            case YamlSequence seq:
                var newSeq = new YamlSequence(seq.Mark);
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    newSeq.Add(Interpolate(seq.Items[i], ParseContext.Index(path, i)));
                }
                return newSeq;
            case YamlMapping map:
                var newMap = new YamlMapping(map.Mark);
                foreach (var (key, value) in map.Entries)
                {
                    var keep = key.Value.StartsWith("x-", StringComparison.Ordinal) || (skipKey?.Invoke(key.Value) ?? false);
                    newMap.Add(key, keep ? value : Interpolate(value, ParseContext.Join(path, key.Value)));
                }
                return newMap;
            default:
                return node;
        }
    }

    public YamlScalar Scalar(YamlScalar s, string path)
    {
        if (!s.Value.Contains('$', StringComparison.Ordinal))
        {
            return s;
        }
        var errors = new List<(int Index, string Message)>();
        var unset = new List<(int Index, string Name)>();
        var value = Interpolator.Interpolate(s.Value, ctx.Lookup, errors, unset);
        foreach (var (index, message) in errors)
        {
            ctx.Diagnostics.Add(s.At(index).Error(path, message));
        }
        foreach (var (index, name) in unset)
        {
            if (!ctx.Unchecked.Contains(name) && _warned.Add(name))
            {
                ctx.Diagnostics.Add(s.At(index).Warning(path, $"variable `{name}` is not set; using an empty string (pass it with --var {name}=...)"));
            }
        }
        // A substituted value is data, never YAML syntax: "${X}" that becomes "null" stays the string "null".
        return new YamlScalar(s.Mark, value, plain: s.Plain && value.Length > 0 && !IsNullWord(value));
    }

    private static bool IsNullWord(string value) => value is "~" or "null" or "Null" or "NULL";
}
