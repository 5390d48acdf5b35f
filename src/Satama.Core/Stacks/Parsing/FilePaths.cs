namespace Satama.Core.Stacks.Parsing;

/// <summary>Joins paths as strings, so that the parser resolves relative references without touching a file system.</summary>
internal static class FilePaths
{
    /// <summary>The path of <paramref name="reference"/> written in <paramref name="referringFile"/>: relative to its directory.</summary>
    public static string Resolve(string referringFile, string reference)
    {
        if (reference.StartsWith('/'))
        {
            return Normalize(reference);
        }
        var slash = referringFile.LastIndexOf('/');
        return Normalize(slash < 0 ? reference : referringFile[..(slash + 1)] + reference);
    }

    private static string Normalize(string path)
    {
        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(part);
            }
        }
        return (absolute ? "/" : "") + string.Join('/', parts);
    }
}
