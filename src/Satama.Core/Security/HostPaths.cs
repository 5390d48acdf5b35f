namespace Satama.Core.Security;

/// <summary>
/// Paths on a node compared as Docker reads them: cleaned lexically (<c>.</c>, <c>..</c>, repeated and trailing
/// slashes) before any prefix test, so <c>/srv/data/../../etc</c> is <c>/etc</c> and never "below" <c>/srv/data</c>.
/// Symlinks are the agent's to resolve (it is the only one that sees the node's file system).
/// </summary>
public static class HostPaths
{
    /// <summary>The cleaned absolute path, or null when <paramref name="path"/> is not absolute.</summary>
    public static string? Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            return null;
        }
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                // Above the root is the root, as for the kernel.
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    /// <summary>
    /// Whether <paramref name="path"/> is <paramref name="prefix"/> or below it, both already normalized:
    /// <c>/srv/data/x</c> is within <c>/srv/data</c>, <c>/srv/database</c> is not.
    /// </summary>
    public static bool IsWithin(string path, string prefix) =>
        prefix == "/"
        || string.Equals(path, prefix, StringComparison.Ordinal)
        || (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length] == '/');

    /// <summary>Whether one of the two normalized paths holds the other: a bind of either reaches into the other.</summary>
    public static bool Overlap(string a, string b) => IsWithin(a, b) || IsWithin(b, a);
}
