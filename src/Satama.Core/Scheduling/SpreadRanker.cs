namespace Satama.Core.Scheduling;

/// <summary>
/// The "ha" strategy: spread a service's instances over as many nodes as possible, then
/// balance the grid. Ties fall to the node name so a plan replays exactly in a test.
/// </summary>
internal static class SpreadRanker
{
    public static NodeView? Best(IEnumerable<NodeView> feasible, PlacementState state) =>
        feasible
            .OrderBy(n => state.CountOfService(n.Name))
            .ThenBy(n => state.CountOverall(n.Name))
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
