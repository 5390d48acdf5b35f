using Satama.Core.Model;

namespace Satama.Core.Scheduling;

public static partial class InstancePlacer
{
    /// <summary>
    /// The daemon strategy: <see cref="ServiceSpec.Instances"/> instances on every node that meets the filters,
    /// numbered across the grid. Kept instances keep their numbers; a node that joins (or comes to match) gets
    /// the lowest free numbers; a node that left, or no longer matches a node or label rule, loses its instances.
    /// Instances on an offline node stay: the node is still the daemon's, and nothing else should run them.
    /// </summary>
    private static PlacementPlan PlanDaemon(PlacementRequest request, List<NodeView> nodes, PlacementState state, List<INodeFilter> filters)
    {
        var service = request.Service;
        var perNode = Math.Max(0, service.Instances);
        var known = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var matching = filters.Where(f => f is InvalidRuleFilter or AffinityFilter { Rule.IsStatic: true }).ToList();
        var onNode = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new Dictionary<int, string>();
        var removed = new List<Assignment>();
        foreach (var own in request.Existing.Where(e => e.Of(service)).OrderBy(e => e.Number).ThenBy(e => e.Node, StringComparer.Ordinal))
        {
            if (own.Number < 1 || kept.ContainsKey(own.Number) || !known.TryGetValue(own.Node, out var node) ||
                onNode.GetValueOrDefault(own.Node) >= perNode || FirstFailure(matching, node, state) is not null)
            {
                removed.Add(new Assignment(own.Number, own.Node));
                continue;
            }
            kept[own.Number] = own.Node;
            onNode[own.Node] = onNode.GetValueOrDefault(own.Node) + 1;
            state.Add(InstanceView.Of(service, own.Number, own.Node), ofService: true);
        }

        var used = kept.Keys.ToHashSet();
        var next = 1;
        int NextFree()
        {
            while (used.Contains(next))
            {
                next++;
            }
            used.Add(next);
            return next;
        }

        var placed = new List<Assignment>();
        var unplaced = new List<Unplaced>();
        foreach (var node in nodes)
        {
            for (var slot = onNode.GetValueOrDefault(node.Name); slot < perNode; slot++)
            {
                var failure = FirstFailure(filters, node, state);
                if (failure is null)
                {
                    var number = NextFree();
                    placed.Add(new Assignment(number, node.Name));
                    state.Add(InstanceView.Of(service, number, node.Name), ofService: true);
                    continue;
                }
                if (failure is not OnlineFilter && !matching.Contains(failure))
                {
                    // The node is the daemon's but cannot take it now (a port, a reservation, a service rule): say so.
                    var clause = failure.Explain([node], state);
                    var reason = clause.StartsWith("1 node ", StringComparison.Ordinal) ? $"node {node.Name} {clause[7..]}" : $"node {node.Name}: {clause}";
                    unplaced.Add(new Unplaced(NextFree(), reason,
                        new Dictionary<string, int>(StringComparer.Ordinal) { [failure.Key] = 1 }));
                }
                break;
            }
        }

        if (perNode > 0 && kept.Count == 0 && placed.Count == 0 && unplaced.Count == 0)
        {
            // Not one node is the daemon's: explain over the whole grid.
            var cursor = 0;
            var scan = Scan(nodes, ref cursor, nodes.Count, filters, state);
            unplaced.Add(new Unplaced(1, Explain(filters, scan.Failed, nodes, state), Counts(scan.Failed)));
        }

        var assignments = kept.Select(k => new Assignment(k.Key, k.Value)).Concat(placed).OrderBy(a => a.Instance).ToList();
        return new PlacementPlan(assignments, placed, removed, unplaced.OrderBy(u => u.Instance).ToList());
    }
}
