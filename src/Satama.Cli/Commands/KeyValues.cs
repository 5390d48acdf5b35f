namespace Satama.Cli.Commands;

/// <summary>Parses KEY=VALUE arguments (--env, --label), collecting every malformed one.</summary>
internal static class KeyValues
{
    public static Dictionary<string, string> Parse(IEnumerable<string> items, string what, List<string> problems)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problems.Add($"{what} '{item}' is not KEY=VALUE");
                continue;
            }
            var key = item[..eq];
            if (result.ContainsKey(key))
            {
                problems.Add($"{what} '{key}' is given more than once");
            }
            // Values may contain '=' (FOO=a=b): only the first '=' splits.
            result[key] = item[(eq + 1)..];
        }
        return result;
    }
}
