using System.Text;

namespace Satama.Core.Stacks.Parsing;

/// <summary>
/// Compose-style variable substitution: <c>${VAR}</c>, <c>$VAR</c>, <c>$$</c>, <c>${VAR:-default}</c>,
/// <c>${VAR-default}</c>, <c>${VAR:?message}</c>, <c>${VAR?message}</c>, <c>${VAR:+alt}</c>, <c>${VAR+alt}</c>.
/// Defaults may nest (<c>${A:-${B}}</c>). Problems are returned, never thrown.
/// </summary>
internal static class Interpolator
{
    /// <summary>Defaults nest (<c>${A:-${B:-c}}</c>); deeper than this is a mistake, and unbounded would overflow the stack.</summary>
    public const int MaxNesting = 16;

    /// <summary>
    /// Substitutes <paramref name="text"/>. Errors and the names used but not set come with the index in
    /// <paramref name="text"/> of the reference (plus <paramref name="offset"/>), so that they can be pointed at.
    /// </summary>
    public static string Interpolate(string text, Func<string, string?> lookup, List<(int Index, string Message)> errors, List<(int Index, string Name)> unset, int offset = 0) =>
        Interpolate(text, lookup, errors, unset, offset, 0);

    private static string Interpolate(string text, Func<string, string?> lookup, List<(int Index, string Message)> errors, List<(int Index, string Name)> unset, int offset, int depth)
    {
        if (depth > MaxNesting)
        {
            errors.Add((offset, $"variable references nest deeper than {MaxNesting} levels"));
            return "";
        }
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }
            var next = text[i + 1];
            if (next == '$')
            {
                sb.Append('$');
                i += 2;
            }
            else if (next == '{')
            {
                var close = MatchingBrace(text, i + 1);
                if (close < 0)
                {
                    errors.Add((offset + i, $"unterminated `${{` in `{text}`"));
                    return text;
                }
                sb.Append(Braced(text[(i + 2)..close], lookup, errors, unset, offset + i, depth));
                i = close + 1;
            }
            else if (IsNameStart(next))
            {
                var end = i + 1;
                while (end < text.Length && IsNamePart(text[end]))
                {
                    end++;
                }
                var name = text[(i + 1)..end];
                sb.Append(Value(name, lookup, unset, offset + i));
                i = end;
            }
            else
            {
                // A lone '$' (as in "cost: 5$" or "$1") stays as written, as in Compose.
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }

    // `at` is the index of the '$'; the body starts two characters later.
    private static string Braced(string body, Func<string, string?> lookup, List<(int, string)> errors, List<(int, string)> unset, int at, int depth)
    {
        var end = 0;
        while (end < body.Length && IsNamePart(body[end]))
        {
            end++;
        }
        var name = body[..end];
        var rest = body[end..];
        if (name.Length == 0 || !IsNameStart(name[0]))
        {
            errors.Add((at, $"invalid variable reference `${{{body}}}`: a name is letters, digits and '_', not starting with a digit"));
            return "";
        }
        var value = lookup(name);
        var (op, word) = rest switch
        {
            "" => ("", ""),
            _ when rest.StartsWith(":-", StringComparison.Ordinal) || rest.StartsWith(":?", StringComparison.Ordinal) ||
                   rest.StartsWith(":+", StringComparison.Ordinal) => (rest[..2], rest[2..]),
            _ when rest[0] is '-' or '?' or '+' => (rest[..1], rest[1..]),
            _ => ("!", rest),
        };
        var wordAt = at + 2 + name.Length + op.Length;
        switch (op)
        {
            case "":
                return value ?? Unset(name, unset, at);
            case ":-":
                return string.IsNullOrEmpty(value) ? Interpolate(word, lookup, errors, unset, wordAt, depth + 1) : value;
            case "-":
                return value ?? Interpolate(word, lookup, errors, unset, wordAt, depth + 1);
            case ":+":
                return string.IsNullOrEmpty(value) ? "" : Interpolate(word, lookup, errors, unset, wordAt, depth + 1);
            case "+":
                return value is null ? "" : Interpolate(word, lookup, errors, unset, wordAt, depth + 1);
            case ":?" or "?":
                if (value is null || (op == ":?" && value.Length == 0))
                {
                    var message = Interpolate(word, lookup, errors, unset, wordAt, depth + 1);
                    errors.Add((at, $"variable `{name}` is required" + (message.Length > 0 ? ": " + message : "")));
                    return "";
                }
                return value;
            default:
                errors.Add((at, $"invalid variable reference `${{{body}}}`: expected `${{{name}}}`, `${{{name}:-default}}` or `${{{name}:?message}}`"));
                return "";
        }
    }

    private static string Value(string name, Func<string, string?> lookup, List<(int, string)> unset, int at) => lookup(name) ?? Unset(name, unset, at);

    private static string Unset(string name, List<(int Index, string Name)> unset, int at)
    {
        if (!unset.Any(u => u.Name == name))
        {
            unset.Add((at, name));
        }
        return "";
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var j = open; j < text.Length; j++)
        {
            if (text[j] == '{')
            {
                depth++;
            }
            else if (text[j] == '}' && --depth == 0)
            {
                return j;
            }
        }
        return -1;
    }

    private static bool IsNameStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsNamePart(char c) => IsNameStart(c) || c is >= '0' and <= '9';
}
