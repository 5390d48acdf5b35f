using Satama.Core.Scheduling;
using static Satama.Core.Tests.Scheduling.PlacerHarness;

namespace Satama.Core.Tests.Scheduling;

/// <summary>Invariants checked over many seeded random snapshots (a small stand-in for property tests).</summary>
public sealed class PlacerInvariantTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 40; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Scale_up_never_moves_an_instance_and_every_instance_is_placed_or_explained(int seed)
    {
        var random = new Random(seed);
        var nodes = Enumerable.Range(0, random.Next(0, 6)).Select(i => new NodeView($"n{i}", random.Next(4) > 0)).ToList();
        var ports = random.Next(3) == 0 ? new[] { "8080:80" } : [];
        var before = Service("web", random.Next(0, 8), ports);
        var first = Plan(before, nodes);
        var existing = first.Assignments.Select(a => On(a.Node, before, a.Instance)).ToArray();

        var after = before with { Instances = before.Instances + random.Next(0, 5) };
        var second = Plan(after, nodes, existing);

        foreach (var kept in first.Assignments)
        {
            Assert.Equal(kept.Node, second.NodeOf(kept.Instance));
        }
        var covered = second.Assignments.Select(a => a.Instance).Concat(second.Unplaced.Select(u => u.Instance)).Order();
        Assert.Equal(Enumerable.Range(1, after.Instances), covered);
        Assert.All(second.Placed, p => Assert.Contains(nodes, n => n.Name == p.Node && n.Online));
        if (ports.Length > 0)
        {
            Assert.Equal(second.Assignments.Count, second.Assignments.Select(a => a.Node).Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Spread_keeps_the_service_balanced_within_one_across_online_nodes(int seed)
    {
        var random = new Random(seed);
        var nodes = Online([.. Enumerable.Range(0, random.Next(1, 6)).Select(i => $"n{i}")]);

        var plan = Plan(Service("web", random.Next(1, 20)), nodes);

        var counts = nodes.Select(n => plan.Assignments.Count(a => a.Node == n.Name)).ToList();
        Assert.True(counts.Max() - counts.Min() <= 1, string.Join(",", counts));
    }
}
