using System.Globalization;
using System.Text.RegularExpressions;
using Satama.Core.Model;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>Reads typed values out of nodes, reporting a positioned error and returning null when a value has the wrong shape.</summary>
internal static partial class NodeReader
{
    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?\s*([kmgtp]i?b?|b)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SizePattern();

    public static YamlMapping? Mapping(ParseContext ctx, YamlNode node, string path)
    {
        if (node is YamlMapping map)
        {
            return map;
        }
        ctx.Error(node, path, $"expected a mapping, not {node.Kind}");
        return null;
    }

    public static string? String(ParseContext ctx, YamlNode node, string path)
    {
        if (node is YamlScalar s)
        {
            return s.IsNull ? null : s.Value;
        }
        ctx.Error(node, path, $"expected a string, not {node.Kind}");
        return null;
    }

    public static int? Int(ParseContext ctx, YamlNode node, string path, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(ctx, node, path);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            ctx.Error(node, path, $"expected a whole number, not `{text}`");
            return null;
        }
        if (value < min || value > max)
        {
            ctx.Error(node, path, max == int.MaxValue ? $"must be at least {min}, not {value}" : $"must be from {min} to {max}, not {value}");
            return null;
        }
        return value;
    }

    public static double? Number(ParseContext ctx, YamlNode node, string path)
    {
        var text = String(ctx, node, path);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            ctx.Error(node, path, $"expected a number, not `{text}`");
            return null;
        }
        return value;
    }

    public static bool? Bool(ParseContext ctx, YamlNode node, string path)
    {
        var text = String(ctx, node, path);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                ctx.Error(node, path, $"expected true or false, not `{text}`");
                return null;
        }
    }

    /// <summary>A duration as Compose writes it ("30s", "1m30s"); a bare number is seconds (Kontena).</summary>
    public static string? Duration(ParseContext ctx, YamlNode node, string path)
    {
        var text = String(ctx, node, path)?.Trim();
        if (text is null)
        {
            return null;
        }
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return text + "s";
        }
        if (!DurationPattern().IsMatch(text))
        {
            ctx.Error(node, path, $"expected a duration like 30s or 1m30s, not `{text}`");
            return null;
        }
        return text;
    }

    /// <summary>A byte size ("512m", "1g", "1073741824").</summary>
    public static string? Size(ParseContext ctx, YamlNode node, string path)
    {
        var text = String(ctx, node, path)?.Trim();
        if (text is not null && !SizePattern().IsMatch(text))
        {
            ctx.Error(node, path, $"expected a size like 512m or 2g, not `{text}`");
            return null;
        }
        return text;
    }

    /// <summary>A list of strings; a single string counts as a list of one when <paramref name="single"/>.</summary>
    public static ValueList<string> StringList(ParseContext ctx, YamlNode node, string path, bool single = true)
    {
        if (node is YamlScalar s)
        {
            if (s.IsNull)
            {
                return ValueList<string>.Empty;
            }
            if (single)
            {
                return new[] { s.Value };
            }
        }
        if (node is not YamlSequence seq)
        {
            ctx.Error(node, path, $"expected a list of strings, not {node.Kind}");
            return ValueList<string>.Empty;
        }
        var items = new List<string>();
        for (var i = 0; i < seq.Items.Count; i++)
        {
            ctx.Remember(ParseContext.Index(path, i), seq.Items[i]);
            var value = String(ctx, seq.Items[i], ParseContext.Index(path, i));
            if (value is not null)
            {
                items.Add(value);
            }
        }
        return items;
    }

    /// <summary>
    /// Key/value pairs written as a mapping (<c>KEY: value</c>) or a list (<c>- KEY=value</c>, <c>- KEY</c>).
    /// A missing value is null; the caller decides what that means.
    /// </summary>
    public static List<(string Key, string? Value, YamlNode Node, string Path)> Pairs(ParseContext ctx, YamlNode node, string path)
    {
        var pairs = new List<(string, string?, YamlNode, string)>();
        switch (node)
        {
            case YamlMapping map:
                foreach (var (key, value) in map.Entries)
                {
                    var itemPath = ParseContext.Join(path, key.Value);
                    ctx.Remember(itemPath, key);
                    pairs.Add((key.Value, String(ctx, value, itemPath), key, itemPath));
                }
                break;
            case YamlSequence seq:
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    var itemPath = ParseContext.Index(path, i);
                    var text = String(ctx, seq.Items[i], itemPath);
                    if (text is not null)
                    {
                        var eq = text.IndexOf('=', StringComparison.Ordinal);
                        pairs.Add(eq < 0 ? (text, null, seq.Items[i], itemPath) : (text[..eq], text[(eq + 1)..], seq.Items[i], itemPath));
                    }
                }
                break;
            case YamlScalar { IsNull: true }:
                break;
            default:
                ctx.Error(node, path, $"expected a mapping or a list of KEY=value, not {node.Kind}");
                break;
        }
        return pairs;
    }

    /// <summary>Pairs where a missing value means an empty string (labels, sysctls, options).</summary>
    public static ValueMap<string> StringMap(ParseContext ctx, YamlNode node, string path) =>
        new(Pairs(ctx, node, path).Select(p => KeyValuePair.Create(p.Key, p.Value ?? "")));

    /// <summary>A command: a list, or a string split the way a shell would (without expansions).</summary>
    public static ValueList<string>? Command(ParseContext ctx, YamlNode node, string path)
    {
        if (node is YamlScalar s)
        {
            if (s.IsNull)
            {
                return null;
            }
            var words = ShellWords.Split(s.Value, out var error);
            if (error is not null)
            {
                ctx.Error(node, path, $"{error} in command `{s.Value}`");
            }
            return words;
        }
        return StringList(ctx, node, path);
    }
}
