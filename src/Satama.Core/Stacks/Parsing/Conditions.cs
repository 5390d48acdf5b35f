using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>
/// Kontena <c>only_if</c> / <c>skip_if</c>: a variable name (true when it has a truthy value), a list of names
/// (all of them for only_if, any for skip_if), or a mapping of name to the value (or list of values) it must have.
/// </summary>
internal static class Conditions
{
    /// <summary>Whether the thing carrying the conditions is kept.</summary>
    public static bool Keep(ParseContext ctx, YamlMapping map, string path)
    {
        var keep = true;
        if (map["only_if"] is { } onlyIf)
        {
            keep &= Evaluate(ctx, onlyIf, ParseContext.Join(path, "only_if"), all: true);
        }
        if (map["skip_if"] is { } skipIf)
        {
            keep &= !Evaluate(ctx, skipIf, ParseContext.Join(path, "skip_if"), all: false);
        }
        return keep;
    }

    private static bool Evaluate(ParseContext ctx, YamlNode node, string path, bool all)
    {
        switch (node)
        {
            case YamlScalar s when !s.IsNull:
                return Truthy(ctx.Lookup(s.Value));
            case YamlSequence seq:
                var results = NodeReader.StringList(ctx, seq, path, single: false).Select(n => Truthy(ctx.Lookup(n)));
                return all ? results.All(r => r) : results.Any(r => r);
            case YamlMapping map:
                var tests = map.Entries.Select(e =>
                {
                    var expected = NodeReader.StringList(ctx, e.Value, ParseContext.Join(path, e.Key.Value));
                    return expected.Contains(ctx.Lookup(e.Key.Value) ?? "");
                }).ToList();
                return all ? tests.All(r => r) : tests.Any(r => r);
            default:
                ctx.Error(node, path, "expected a variable name, a list of names, or a mapping of name: value");
                return all;
        }
    }

    public static bool Truthy(string? value) =>
        !string.IsNullOrEmpty(value) && value.ToLowerInvariant() is not ("false" or "no" or "off" or "0");
}
