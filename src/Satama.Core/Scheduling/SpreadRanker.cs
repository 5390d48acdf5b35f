namespace Satama.Core.Scheduling;

/// <summary>
/// The "ha" strategy: spread a service's instances over regions (the <c>region</c> label), then zones
/// (<c>az</c>), then nodes, fewest instances of this service first; then balance the grid. Ties fall to the
/// node name so a plan replays exactly in a test.
/// </summary>
internal static class SpreadRanker
{
    // crowded: in a limited scan, nodes holding more instances of the service than this rank last.
    public static NodeView? Best(IEnumerable<NodeView> feasible, PlacementState state, int crowded = int.MaxValue)
    {
        NodeView? best = null;
        (bool, int, int, int, int) bestKey = default;
        foreach (var node in feasible)
        {
            var own = state.CountOfService(node.Name);
            var key = (own > crowded, state.CountOfServiceInRegion(node.Region), state.CountOfServiceInZone(node.Region, node.Zone),
                own, state.CountOverall(node.Name));
            if (best is null || key.CompareTo(bestKey) < 0 || (key.CompareTo(bestKey) == 0 && string.CompareOrdinal(node.Name, best.Name) < 0))
            {
                best = node;
                bestKey = key;
            }
        }
        return best;
    }
}
