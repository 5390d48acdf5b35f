using System.Text.RegularExpressions;

namespace Satama.Core.Scheduling;

/// <summary>Reads affinity rules in Satama's form and in Compose's placement-constraint form.</summary>
internal static partial class AffinityParser
{
    private const int MaxLength = 512;

    [GeneratedRegex(@"^(?<target>node|label|service|container)(?<op>==|!=|=~|!~)(?<value>.*)$")]
    private static partial Regex Native();

    [GeneratedRegex(@"^node\.(?<field>hostname|labels\.(?<key>[^\s=!~]+)|role|id|platform\.[A-Za-z]+)\s*(?<op>==|!=)\s*(?<value>.*)$")]
    private static partial Regex Compose();

    public static AffinityParseResult Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return AffinityParseResult.Fail("affinity rule is empty");
        }
        if (trimmed.Length > MaxLength)
        {
            return AffinityParseResult.Fail($"affinity rule '{trimmed[..80]}…' is longer than {MaxLength} characters");
        }
        if (Native().Match(trimmed) is { Success: true } native)
        {
            return FromParts(trimmed, native.Groups["target"].Value, native.Groups["op"].Value, native.Groups["value"].Value.Trim());
        }
        if (Compose().Match(trimmed) is { Success: true } compose)
        {
            var field = compose.Groups["field"].Value;
            var op = compose.Groups["op"].Value;
            var value = compose.Groups["value"].Value.Trim();
            if (field == "hostname")
            {
                return FromParts(trimmed, "node", op, value);
            }
            if (compose.Groups["key"].Success)
            {
                return FromParts(trimmed, "label", op, $"{compose.Groups["key"].Value}={value}");
            }
            return AffinityParseResult.Ignored($"constraint '{trimmed}' is ignored: Satama nodes have no {field} (it places by node.hostname and node.labels.KEY)");
        }
        return AffinityParseResult.Fail(
            $"affinity rule '{trimmed}' is not node|label|service|container followed by ==, !=, =~ or !~ and a value " +
            "(e.g. label==az=a, service!=db), nor a Compose constraint such as node.labels.az==a");
    }

    private static AffinityParseResult FromParts(string text, string target, string op, string value)
    {
        var negated = op[0] == '!';
        var regex = op[1] == '~';
        var kind = target switch
        {
            "node" => AffinityTarget.Node,
            "label" => AffinityTarget.Label,
            "service" => AffinityTarget.Service,
            _ => AffinityTarget.Container,
        };
        string? key = null;
        var keyOnly = false;
        if (kind == AffinityTarget.Label)
        {
            var eq = value.IndexOf('=', StringComparison.Ordinal);
            keyOnly = eq < 0;
            key = keyOnly ? value : value[..eq];
            value = keyOnly ? "" : value[(eq + 1)..];
            if (key.Length == 0)
            {
                return AffinityParseResult.Fail($"affinity rule '{text}' names no label key (e.g. label==az=a)");
            }
            if (keyOnly && regex)
            {
                return AffinityParseResult.Fail($"affinity rule '{text}' needs key=pattern after {op} (e.g. label=~az=eu-.*)");
            }
        }
        else if (value.Length == 0)
        {
            return AffinityParseResult.Fail($"affinity rule '{text}' has no value after {op}");
        }
        if (regex && !IsValidRegex(value, out var why))
        {
            return AffinityParseResult.Fail($"affinity rule '{text}': invalid regular expression: {why}");
        }
        return AffinityParseResult.Ok(new AffinityRule(kind, negated, regex, key, value, keyOnly));
    }

    private static bool IsValidRegex(string pattern, out string? why)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            why = null;
            return true;
        }
        catch (ArgumentException e)
        {
            why = e.Message;
            return false;
        }
    }
}
