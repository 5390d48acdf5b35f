namespace Satama.Core.Overlay;

/// <summary>
/// Service discovery names of a grid (pure):
/// <c>SERVICE.STACK.GRID.satama.local</c> (every serving instance),
/// <c>INSTANCE.SERVICE.STACK.GRID.satama.local</c> (one instance),
/// and inside a stack the short forms <c>SERVICE</c> and <c>SERVICE.STACK</c>, as such or
/// completed by the search domains containers get (<c>STACK.GRID.satama.local</c>, <c>GRID.satama.local</c>).
/// </summary>
public static class DnsNames
{
    public const string Domain = "satama.local";

    /// <summary>The search domains of a container of <paramref name="stack"/>, most specific first.</summary>
    public static IReadOnlyList<string> SearchDomains(string grid, string stack) =>
        [$"{stack}.{grid}.{Domain}", $"{grid}.{Domain}"];

    /// <param name="zone">The grid's records.</param>
    /// <param name="name">The queried name (any case, with or without the final dot).</param>
    /// <param name="clientStack">The stack of the asking container, when known (for short names).</param>
    public static DnsLookup Resolve(DnsZone zone, string name, string? clientStack)
    {
        var n = name.TrimEnd('.').ToLowerInvariant();
        var grid = zone.Grid.ToLowerInvariant();
        if (n == Domain || n.EndsWith("." + Domain, StringComparison.Ordinal))
        {
            var labels = n == Domain ? [] : n[..^(Domain.Length + 1)].Split('.');
            if (labels.Length == 0 || labels[^1] != grid)
            {
                return DnsLookup.NotFound;
            }
            return labels.Length switch
            {
                // web.GRID.satama.local: a short name completed by the grid's search domain.
                2 when clientStack is not null => Service(zone, clientStack, labels[0]) ?? DnsLookup.NotFound,
                3 => Service(zone, labels[1], labels[0])
                    // web.shop.GRID from "web" and the stack search domain of a stack named like a service is not ours.
                    ?? DnsLookup.NotFound,
                4 => Instance(zone, labels[2], labels[1], labels[0]) ?? DnsLookup.NotFound,
                _ => DnsLookup.NotFound,
            };
        }
        var parts = n.Split('.');
        return parts.Length switch
        {
            1 when clientStack is not null => Service(zone, clientStack, parts[0]) ?? DnsLookup.Forward,
            2 => Service(zone, parts[1], parts[0]) ?? DnsLookup.Forward,
            _ => DnsLookup.Forward,
        };
    }

    private static DnsLookup? Service(DnsZone zone, string stack, string service)
    {
        if (!zone.Services.Any(s => Same(s.Stack, stack) && Same(s.Service, service)))
        {
            return null;
        }
        return new DnsLookup(DnsLookupKind.Answer, [.. zone.Instances
            .Where(i => Same(i.Stack, stack) && Same(i.Service, service))
            .Select(i => i.Address)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)]);
    }

    private static DnsLookup? Instance(DnsZone zone, string stack, string service, string instance)
    {
        if (!zone.Services.Any(s => Same(s.Stack, stack) && Same(s.Service, service)))
        {
            return null;
        }
        var addresses = zone.Instances
            .Where(i => Same(i.Stack, stack) && Same(i.Service, service) && Same(i.Instance, instance))
            .Select(i => i.Address)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        // An instance that is not serving has no address; answering NXDOMAIN would be cached longer than an empty answer.
        return new DnsLookup(DnsLookupKind.Answer, addresses);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
