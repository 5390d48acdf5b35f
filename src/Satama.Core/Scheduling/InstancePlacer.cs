using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// Decides which node runs each instance of a service. Pure: it returns a plan and never acts.
/// Invariants: an instance that has a node keeps it (scale-up never reshuffles), unless that node
/// has been offline past the grace period and the service is stateless, or no longer meets a node or
/// label rule, when it moves if another node can take it; instances above N are removed; new instances go only on feasible nodes,
/// ranked by the service's strategy. The plan is a function of the request (seed and time included).
/// </summary>
public static partial class InstancePlacer
{
    /// <summary>Grids up to this many nodes are scanned in full for every instance, so spread is exact there.</summary>
    public const int FullScanNodes = 64;

    /// <summary>
    /// How many feasible nodes are ranked per instance: all of a small grid, else log2(N) (at least 2) taken from a
    /// seeded rotation of the nodes, as Nomad's limit iterator does; the rotation resumes where the last instance
    /// stopped, so successive instances see different candidates and the spread stays even.
    /// </summary>
    public static int CandidateLimit(int nodes) =>
        nodes <= FullScanNodes ? nodes : Math.Max(2, (int)Math.Ceiling(Math.Log2(nodes)));

    public static PlacementPlan Plan(PlacementRequest request) => Settled(request) ?? PlanInFull(request);

    /// <summary>The plan made the long way, for a service that may have work to do (tests compare it with <see cref="Settled"/>).</summary>
    internal static PlacementPlan PlanInFull(PlacementRequest request)
    {
        var service = request.Service;
        // Duplicate node names would make the plan ambiguous; the first one wins.
        var nodes = request.Nodes.DistinctBy(n => n.Name).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        var state = new PlacementState(nodes);
        foreach (var other in request.Existing.Where(e => !e.Of(service)))
        {
            state.Add(other, ofService: false);
        }
        var filters = Filters(service);
        return (service.Placement ?? PlacementSpec.Default).Strategy == PlacementStrategy.Daemon
            ? PlanDaemon(request, nodes, state, filters)
            : PlanReplicas(request, nodes, state, filters);
    }

    private static PlacementPlan PlanReplicas(PlacementRequest request, List<NodeView> nodes, PlacementState state, List<INodeFilter> filters)
    {
        var service = request.Service;
        var placement = service.Placement ?? PlacementSpec.Default;
        var known = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var grace = placement.GracePeriod ?? request.GridGracePeriod;
        var matching = filters.Where(f => f is InvalidRuleFilter or AffinityFilter { Rule.IsStatic: true }).ToList();
        var kept = new Dictionary<int, string>();
        var displaced = new Dictionary<int, string>();
        var removed = new List<Assignment>();
        foreach (var own in request.Existing.Where(e => e.Of(service)).OrderBy(e => e.Number))
        {
            if (own.Number < 1 || own.Number > service.Instances || kept.ContainsKey(own.Number) || displaced.ContainsKey(own.Number))
            {
                removed.Add(new Assignment(own.Number, own.Node));
            }
            else if (known.TryGetValue(own.Node, out var node))
            {
                // Stateful instances wait for their node: their data is there. A node that no longer meets a node or
                // label rule must give the instance up, but only to a node that can take it (else it stays).
                if ((!placement.Stateful && request.Now is { } now && Rescheduling.IsLapsed(node, now, grace)) ||
                    FirstFailure(matching, node, state) is not null)
                {
                    displaced[own.Number] = own.Node;
                }
                else
                {
                    kept[own.Number] = own.Node;
                    state.Add(InstanceView.Of(service, own.Number, own.Node), ofService: true);
                }
            }
            // else: its node left the grid; the instance is placed again below.
        }

        var random = new SeededRandom(SeededRandom.Mix(request.Seed, $"{service.Grid}/{service.Stack}/{service.Name}"));
        var limit = CandidateLimit(nodes.Count);
        var order = nodes;
        if (limit < nodes.Count)
        {
            // Nomad's source iterator: a seeded shuffle, so a limited scan does not always favour the same names.
            order = [.. nodes];
            random.Shuffle(order);
        }
        var cursor = 0;
        var placed = new List<Assignment>();
        var moved = new List<Move>();
        var unplaced = new List<Unplaced>();
        for (var number = 1; number <= service.Instances; number++)
        {
            if (kept.ContainsKey(number))
            {
                continue;
            }
            // Nomad's limit iterator skips nodes that already hold more than their share of the service
            // (up to as many as it ranks), so a limited scan still spreads over nodes, not only zones.
            var crowded = placement.Strategy == PlacementStrategy.Ha && limit < nodes.Count ? state.TotalOfService / nodes.Count : int.MaxValue;
            var scan = Scan(order, ref cursor, limit, filters, state, crowded);
            var best = placement.Strategy == PlacementStrategy.Random
                ? RandomRanker.Best(scan.Candidates, random)
                : SpreadRanker.Best(scan.Candidates, state, crowded);
            var from = displaced.GetValueOrDefault(number);
            if (best is null)
            {
                if (from is not null)
                {
                    // Nowhere else to go: it stays on its node, which may come back.
                    kept[number] = from;
                    state.Add(InstanceView.Of(service, number, from), ofService: true);
                    continue;
                }
                unplaced.Add(new Unplaced(number, Explain(filters, scan.Failed, nodes, state), Counts(scan.Failed)));
                continue;
            }
            placed.Add(new Assignment(number, best.Name));
            state.Add(InstanceView.Of(service, number, best.Name), ofService: true);
            if (from is not null)
            {
                moved.Add(new Move(number, from, best.Name));
            }
        }

        var assignments = kept.Select(k => new Assignment(k.Key, k.Value)).Concat(placed).OrderBy(a => a.Instance).ToList();
        return new PlacementPlan(assignments, placed, removed, unplaced) { Moved = moved };
    }

    /// <summary>
    /// The plan of a replicated service that has nothing to do, made without building the grid's load: every
    /// instance 1..N has exactly one node, each node is in the grid, meets the node and label rules, and has not
    /// been offline past the grace period (stateless services). That is the plan <see cref="PlanReplicas"/> would
    /// make (every instance kept, nothing placed or removed), at the cost of the service's own instances only,
    /// so a master pass over a large grid pays for the services that changed. Null when there is work to do.
    /// Only the service's own instances in <see cref="PlacementRequest.Existing"/> are read: a caller that keeps
    /// them apart may pass only those, and call <see cref="Plan"/> with the whole grid when this returns null.
    /// </summary>
    public static PlacementPlan? Settled(PlacementRequest request)
    {
        var service = request.Service;
        var placement = service.Placement ?? PlacementSpec.Default;
        if (placement.Strategy == PlacementStrategy.Daemon || service.Instances < 1)
        {
            return null;
        }
        var assigned = new string?[service.Instances + 1];
        var count = 0;
        foreach (var e in request.Existing)
        {
            if (!e.Of(service))
            {
                continue;
            }
            if (e.Number < 1 || e.Number > service.Instances || assigned[e.Number] is not null)
            {
                return null;
            }
            assigned[e.Number] = e.Node;
            count++;
        }
        if (count != service.Instances)
        {
            return null;
        }
        var known = new Dictionary<string, NodeView>(request.Nodes.Count, StringComparer.Ordinal);
        foreach (var node in request.Nodes)
        {
            known.TryAdd(node.Name, node);
        }
        var matching = Filters(service).Where(f => f is InvalidRuleFilter or AffinityFilter { Rule.IsStatic: true }).ToList();
        var grace = placement.GracePeriod ?? request.GridGracePeriod;
        // Node and label rules read only the node: an empty state serves them.
        var empty = new PlacementState();
        var assignments = new List<Assignment>(service.Instances);
        for (var number = 1; number <= service.Instances; number++)
        {
            if (!known.TryGetValue(assigned[number]!, out var node) ||
                (!placement.Stateful && request.Now is { } now && Rescheduling.IsLapsed(node, now, grace)) ||
                FirstFailure(matching, node, empty) is not null)
            {
                return null;
            }
            assignments.Add(new Assignment(number, node.Name));
        }
        return new PlacementPlan(assignments, [], [], []);
    }

    /// <summary>
    /// The filters in their fixed order, cheap first: online is a flag; node and label rules read the node;
    /// service and container rules read what runs there; host ports and reservations read the node's load.
    /// </summary>
    private static List<INodeFilter> Filters(ServiceSpec service)
    {
        var placement = service.Placement ?? PlacementSpec.Default;
        var filters = new List<INodeFilter> { new OnlineFilter() };
        var rules = new List<AffinityFilter>();
        foreach (var text in placement.Affinity ?? [])
        {
            var parsed = AffinityRule.Parse(text);
            if (parsed.Error is { } error)
            {
                filters.Add(new InvalidRuleFilter(error));
            }
            else if (parsed.Rule is { } rule)
            {
                rules.Add(new AffinityFilter(rule, service));
            }
        }
        filters.AddRange(rules.Where(r => r.Rule.IsStatic));
        filters.AddRange(rules.Where(r => !r.Rule.IsStatic));
        filters.AddRange(service.Ports.DistinctBy(p => (p.HostPort, p.Protocol)).Select(p => new HostPortFilter(p)));
        filters.AddRange(new[] { new ResourceFilter(memory: false, service), new ResourceFilter(memory: true, service) }.Where(r => r.Applies));
        return [.. filters.DistinctBy(f => f.Key)];
    }

    private static Feasibility Scan(List<NodeView> order, ref int cursor, int limit, List<INodeFilter> filters, PlacementState state, int crowded = int.MaxValue)
    {
        var candidates = new List<NodeView>(Math.Min(limit, order.Count));
        List<NodeView>? skipped = null;
        Dictionary<INodeFilter, List<NodeView>>? failed = null;
        var start = limit < order.Count ? cursor : 0;
        var scanned = 0;
        while (scanned < order.Count && candidates.Count < limit)
        {
            var node = order[(start + scanned) % order.Count];
            scanned++;
            // The first filter that rules a node out gets the count, as Nomad's metrics do.
            var failure = FirstFailure(filters, node, state);
            if (failure is null)
            {
                if (state.CountOfService(node.Name) > crowded && (skipped?.Count ?? 0) < limit)
                {
                    (skipped ??= []).Add(node);
                    continue;
                }
                candidates.Add(node);
                continue;
            }
            failed ??= [];
            if (!failed.TryGetValue(failure, out var list))
            {
                list = [];
                failed[failure] = list;
            }
            list.Add(node);
        }
        if (limit < order.Count)
        {
            cursor = (start + scanned) % order.Count;
        }
        if (skipped is not null && candidates.Count < limit)
        {
            candidates.AddRange(skipped.Take(limit - candidates.Count));
        }
        return new Feasibility(candidates, failed);
    }

    private static INodeFilter? FirstFailure(List<INodeFilter> filters, NodeView node, PlacementState state)
    {
        foreach (var filter in filters)
        {
            if (!filter.Check(node, state))
            {
                return filter;
            }
        }
        return null;
    }

    private static Dictionary<string, int> Counts(Dictionary<INodeFilter, List<NodeView>>? failed) =>
        failed?.ToDictionary(f => f.Key.Key, f => f.Value.Count, StringComparer.Ordinal) ?? new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>"2 nodes lack label ingress=true; 1 node has 0.5 of 2 GiB memory free; 1 node is offline".</summary>
    private static string Explain(List<INodeFilter> filters, Dictionary<INodeFilter, List<NodeView>>? failed, List<NodeView> nodes, PlacementState state)
    {
        if (!nodes.Any(n => n.Online))
        {
            return "no node online";
        }
        if (failed is null)
        {
            return "no node can take it";
        }
        // Offline last: it is the least surprising clause.
        var clauses = filters
            .Where(f => f is not OnlineFilter && failed.ContainsKey(f))
            .Select(f => f.Explain(failed[f], state))
            .ToList();
        if (failed.FirstOrDefault(f => f.Key is OnlineFilter) is { Key: not null } offline)
        {
            clauses.Add(offline.Key.Explain(offline.Value, state));
        }
        return string.Join("; ", clauses);
    }

    private sealed record Feasibility(List<NodeView> Candidates, Dictionary<INodeFilter, List<NodeView>>? Failed);
}
