using Satama.Master.Store;

namespace Satama.Master.Controllers;

/// <summary>
/// Documents parsed from store rows, kept per grid and name while the row's revision stays (a revision is the store
/// sequence of the row's last write, so an equal revision is an equal row): a pass over a large grid parses only the
/// rows that changed. Rows gone from a listing are dropped at that read. Not thread-safe: one pass at a time.
/// </summary>
internal sealed class RowCache<T>
{
    private readonly Dictionary<string, Dictionary<string, (long Revision, T Value)>> _grids = new(StringComparer.Ordinal);

    public List<(StoredResource Row, T Value)> Read(string grid, IReadOnlyList<StoredResource> rows, Func<StoredResource, T> parse)
    {
        _grids.TryGetValue(grid, out var old);
        var fresh = new Dictionary<string, (long Revision, T Value)>(rows.Count, StringComparer.Ordinal);
        var result = new List<(StoredResource Row, T Value)>(rows.Count);
        foreach (var row in rows)
        {
            var value = old is not null && old.TryGetValue(row.Name, out var cached) && cached.Revision == row.Revision ? cached.Value : parse(row);
            fresh[row.Name] = (row.Revision, value);
            result.Add((row, value));
        }
        _grids[grid] = fresh;
        return result;
    }
}
