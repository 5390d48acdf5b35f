namespace Satama.Core.Stacks.Parsing;

/// <summary>"did you mean `environment`?" for a misspelt key, by optimal-string-alignment distance.</summary>
internal static class KeySuggester
{
    public static string? Closest(string key, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(key.ToLowerInvariant(), candidate);
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = d;
            }
        }
        // A suggestion that is as different as a new word only confuses: allow about a third of the key.
        var limit = Math.Max(1, Math.Min(3, key.Length / 3));
        return bestDistance <= limit ? best : null;
    }

    /// <summary>Appends " (did you mean `x`?)" when there is a close key.</summary>
    public static string Hint(string key, IEnumerable<string> known)
    {
        var closest = Closest(key, known);
        return closest is null ? "" : $" (did you mean `{closest}`?)";
    }

    // Damerau–Levenshtein in its optimal-string-alignment form: a swap of neighbours costs 1 ("enviornment").
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
