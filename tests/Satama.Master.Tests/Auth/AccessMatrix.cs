namespace Satama.Master.Tests.Auth;

/// <summary>The route matrix of docs/security.md: per "METHOD route", its access and the roles it admits.</summary>
internal sealed record AccessMatrix(IReadOnlyDictionary<string, AccessMatrix.Row> Rows)
{
    public static readonly string[] RoleColumns = ["master_admin", "grid_admin", "grid_user", "viewer"];

    public sealed record Row(string Method, string Route, string Access, IReadOnlySet<string> Roles)
    {
        public string Key => $"{Method} {Route}";
    }

    public static AccessMatrix Load()
    {
        var path = FindDoc();
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.Contains("<!-- route-matrix", StringComparison.Ordinal));
        Assert.True(start >= 0, $"{path} has no '<!-- route-matrix -->' table");
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 3).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.True(cells.Length == 3 + RoleColumns.Length, $"a route-matrix row needs {3 + RoleColumns.Length} cells: {line}");
            var roles = RoleColumns.Where((_, i) => cells[3 + i] == "✓").ToHashSet(StringComparer.Ordinal);
            var row = new Row(cells[0], cells[1], cells[2], roles);
            Assert.True(rows.TryAdd(row.Key, row), $"route {row.Key} is twice in the matrix");
        }
        return new AccessMatrix(rows);
    }

    private static string FindDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "security.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("docs/security.md not found above " + AppContext.BaseDirectory);
    }
}
