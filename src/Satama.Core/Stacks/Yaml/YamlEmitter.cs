using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Satama.Core.Stacks.Yaml;

/// <summary>
/// Writes a tree of mappings (<see cref="List{T}"/> of key/value pairs), sequences (<see cref="List{Object}"/>)
/// and scalars as block YAML. Every string is double-quoted with our own escapes, so that no value can be
/// read back as another type, as Liquid (<c>{%</c>) or as an interpolation (<c>$</c> becomes <c>$$</c>).
/// </summary>
internal static partial class YamlEmitter
{
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]*$")]
    private static partial Regex PlainKey();

    public static string Render(List<KeyValuePair<string, object>> root)
    {
        var sb = new StringBuilder();
        WriteMap(sb, root, 0);
        return sb.ToString();
    }

    private static void WriteMap(StringBuilder sb, List<KeyValuePair<string, object>> map, int indent)
    {
        foreach (var (key, value) in map)
        {
            sb.Append(' ', indent).Append(Key(key)).Append(':');
            WriteValue(sb, value, indent);
        }
    }

    private static void WriteValue(StringBuilder sb, object value, int indent)
    {
        switch (value)
        {
            case List<KeyValuePair<string, object>> { Count: 0 }:
                sb.Append(" {}\n");
                break;
            case List<KeyValuePair<string, object>> map:
                sb.Append('\n');
                WriteMap(sb, map, indent + 2);
                break;
            case List<object> { Count: 0 }:
                sb.Append(" []\n");
                break;
            case List<object> seq:
                sb.Append('\n');
                foreach (var item in seq)
                {
                    WriteItem(sb, item, indent + 2);
                }
                break;
            default:
                sb.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteItem(StringBuilder sb, object item, int indent)
    {
        if (item is List<KeyValuePair<string, object>> { Count: > 0 } map)
        {
            var inner = new StringBuilder();
            WriteMap(inner, map, indent + 2);
            // The first key goes on the dash line: "- target: 80".
            sb.Append(' ', indent).Append("- ").Append(inner.ToString(indent + 2, inner.Length - indent - 2));
            return;
        }
        sb.Append(' ', indent).Append('-');
        WriteValue(sb, item, indent);
    }

    private static string Key(string key) =>
        PlainKey().IsMatch(key) && !IsSpecialWord(key) ? key : Quote(key, escapeDollar: false);

    private static bool IsSpecialWord(string s) =>
        s.ToLowerInvariant() is "true" or "false" or "yes" or "no" or "on" or "off" or "null" or "~" || s == "<<";

    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => Quote(s, escapeDollar: true),
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", escapeDollar: true),
    };

    /// <summary>A double-quoted scalar; values are interpolated on reading, so a literal '$' is written '$$'.</summary>
    internal static string Quote(string s, bool escapeDollar)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '$' when escapeDollar: sb.Append("$$"); break;
                case '%' when i > 0 && s[i - 1] == '{': sb.Append("\\x25"); break;
                case < ' ' or '\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) &&
                        !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1])))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
