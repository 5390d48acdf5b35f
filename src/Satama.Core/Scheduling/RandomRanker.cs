namespace Satama.Core.Scheduling;

/// <summary>The "random" strategy: any feasible candidate, drawn from the plan's seeded generator.</summary>
internal static class RandomRanker
{
    public static NodeView? Best(IReadOnlyList<NodeView> feasible, SeededRandom random) =>
        feasible.Count == 0 ? null : feasible[random.Next(feasible.Count)];
}
