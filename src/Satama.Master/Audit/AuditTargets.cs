using Microsoft.AspNetCore.Routing;

namespace Satama.Master.Audit;

/// <summary>Which grid and resource a request is about, from its route values (or, for a create, the Location of the answer).</summary>
internal static class AuditTargets
{
    public const string GridParameter = "grid";

    /// <summary>
    /// The grid is the {grid} value; the resource is the other parameters in route order joined
    /// by '/' ("null/web" for stacks/{stack}/services/{service}), or the grid itself when the route
    /// ends at it (grids/{grid}). A collection (grids/{grid}/services) has no resource yet.
    /// </summary>
    /// <param name="segments">The pattern's segments: a parameter's name, or null for a literal.</param>
    /// <param name="values">The request's route values.</param>
    public static (string Resource, string Grid) FromRoute(IEnumerable<string?> segments, RouteValueDictionary values)
    {
        var list = segments.ToList();
        var grid = Value(values, GridParameter);
        var parts = list.Where(p => p is not null && !p.Equals(GridParameter, StringComparison.OrdinalIgnoreCase))
            .Select(p => Value(values, p!)).Where(v => v.Length > 0).ToList();
        if (parts.Count > 0)
        {
            return (string.Join('/', parts), grid);
        }
        var endsAtGrid = list.Count > 0 && GridParameter.Equals(list[^1], StringComparison.OrdinalIgnoreCase);
        return (endsAtGrid ? grid : "", grid);
    }

    /// <summary>
    /// A created resource's Location, /v1/grids/g/stacks/null/services/web: values follow their
    /// collection names, so the values are every second segment after /v1.
    /// </summary>
    public static (string Resource, string Grid)? FromLocation(string? location)
    {
        if (string.IsNullOrEmpty(location) || !Uri.TryCreate(location, UriKind.RelativeOrAbsolute, out var uri))
        {
            return null;
        }
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : location.Split('?')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        if (segments.Count > 0 && segments[0].Equals("v1", StringComparison.OrdinalIgnoreCase))
        {
            segments.RemoveAt(0);
        }
        var grid = "";
        var parts = new List<string>();
        for (var i = 0; i + 1 < segments.Count; i += 2)
        {
            if (i == 0 && segments[i].Equals("grids", StringComparison.OrdinalIgnoreCase))
            {
                grid = segments[i + 1];
            }
            else
            {
                parts.Add(segments[i + 1]);
            }
        }
        return parts.Count == 0 && grid.Length == 0 ? null : (parts.Count > 0 ? string.Join('/', parts) : grid, grid);
    }

    // Route values are bounded by the name check before any endpoint runs; this bounds them here too.
    private static string Value(RouteValueDictionary values, string key)
    {
        var value = values.TryGetValue(key, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";
        return value.Length <= 256 ? value : value[..256];
    }
}
