using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// Decides which node runs each instance (1..N) of a service. Pure: it returns a plan and
/// never acts. Invariants: an instance that has a node keeps it (scale-up never reshuffles,
/// an offline node keeps its instances until rescheduling after a grace period exists);
/// instances above N are removed; new instances go only on feasible nodes, ranked by
/// <see cref="SpreadRanker"/>.
/// </summary>
public static class InstancePlacer
{
    public static PlacementPlan Plan(PlacementRequest request)
    {
        var service = request.Service;
        // Duplicate node names would make the plan ambiguous; the first one wins.
        var nodes = request.Nodes.DistinctBy(n => n.Name).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var known = nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var state = new PlacementState();
        foreach (var other in request.Existing.Where(e => !e.Of(service)))
        {
            state.Add(other.Node, other.Ports, ofService: false);
        }

        var kept = new List<Assignment>();
        var removed = new List<Assignment>();
        foreach (var own in request.Existing.Where(e => e.Of(service)).OrderBy(e => e.Number))
        {
            if (own.Number < 1 || own.Number > service.Instances || kept.Any(k => k.Instance == own.Number))
            {
                removed.Add(new Assignment(own.Number, own.Node));
            }
            else if (known.Contains(own.Node))
            {
                kept.Add(new Assignment(own.Number, own.Node));
                state.Add(own.Node, service.Ports, ofService: true);
            }
            // else: its node left the grid; the instance is placed again below.
        }

        var filters = Filters(service);
        var placed = new List<Assignment>();
        var unplaced = new List<Unplaced>();
        for (var number = 1; number <= service.Instances; number++)
        {
            if (kept.Any(k => k.Instance == number))
            {
                continue;
            }
            var filtered = new Dictionary<string, int>(StringComparer.Ordinal);
            var feasible = new List<NodeView>();
            foreach (var node in nodes)
            {
                // The first filter that rules a node out gets the count, as Nomad's metrics do.
                var failed = filters.FirstOrDefault(f => !f.Check(node, state));
                if (failed is null)
                {
                    feasible.Add(node);
                }
                else
                {
                    filtered[failed.Key] = filtered.GetValueOrDefault(failed.Key) + 1;
                }
            }
            var best = SpreadRanker.Best(feasible, state);
            if (best is null)
            {
                unplaced.Add(new Unplaced(number, Explain(filters, filtered, nodes), filtered));
                continue;
            }
            placed.Add(new Assignment(number, best.Name));
            state.Add(best.Name, service.Ports, ofService: true);
        }

        var assignments = kept.Concat(placed).OrderBy(a => a.Instance).ToList();
        return new PlacementPlan(assignments, placed, removed, unplaced);
    }

    // Cheap first: online is a flag; ports look at the node's load.
    private static List<INodeFilter> Filters(ServiceSpec service)
    {
        var filters = new List<INodeFilter> { new OnlineFilter() };
        filters.AddRange(service.Ports.DistinctBy(p => (p.HostPort, p.Protocol)).Select(p => new HostPortFilter(p)));
        return filters;
    }

    private static string Explain(List<INodeFilter> filters, Dictionary<string, int> filtered, List<NodeView> nodes)
    {
        if (!nodes.Any(n => n.Online))
        {
            return "no node online";
        }
        var clauses = filters
            .Where(f => f is not OnlineFilter && filtered.ContainsKey(f.Key))
            .Select(f => f.Explain(filtered[f.Key]))
            .ToList();
        if (filtered.TryGetValue(new OnlineFilter().Key, out var offline))
        {
            clauses.Add(new OnlineFilter().Explain(offline));
        }
        return string.Join(", ", clauses);
    }
}
