using Satama.Core.Model;
using Satama.Core.Scheduling;
using static Satama.Core.Tests.Scheduling.Harness;

namespace Satama.Core.Tests.Scheduling;

public sealed class CandidateLimitTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(64, 64)]
    [InlineData(65, 7)]
    [InlineData(1000, 10)]
    [InlineData(5000, 13)]
    [InlineData(1_000_000, 20)]
    public void Small_grids_are_scanned_in_full_and_large_ones_rank_log2_n_candidates(int nodes, int limit)
    {
        Assert.Equal(limit, InstancePlacer.CandidateLimit(nodes));
    }

    [Fact]
    public void A_large_grid_still_spreads_evenly_over_zones_and_nodes()
    {
        var grid = new Harness { Seed = 9 }.AddMany(1000, shape: (i, n) => n.Zone($"z{i % 3}"));
        var web = Service("web", 3000);

        var plan = grid.Run(web);

        Assert.Empty(plan.Unplaced);
        var zones = grid.CountBy(web, n => n.Zone).Values.ToList();
        Assert.True(zones.Max() - zones.Min() <= 1, string.Join(",", zones));
        var perNode = grid.Of(web).Values.GroupBy(n => n).Select(g => g.Count()).ToList();
        Assert.Equal(1000, perNode.Count);
        Assert.True(perNode.Max() <= 4, $"max {perNode.Max()} per node");
    }

    [Fact]
    public void A_large_grid_with_few_feasible_nodes_still_finds_them_and_explains_the_rest()
    {
        var grid = new Harness { Seed = 4 }.AddMany(500, shape: (i, n) => i % 100 == 0 ? n.Label("gpu", "1") : n);
        var ml = Service("ml", 6, p => p with { Affinity = ["label==gpu", "service!=ml"] });

        var plan = grid.Run(ml);

        Assert.Equal(5, plan.Assignments.Count);
        Assert.All(plan.Assignments, a => Assert.EndsWith("00", a.Node));
        Assert.Equal("495 nodes lack label gpu; 5 nodes run ml", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void A_large_grid_plans_the_same_for_the_same_seed()
    {
        static string Layout(ulong seed, PlacementStrategy strategy)
        {
            var grid = new Harness { Seed = seed }.AddMany(300, shape: (i, n) => n.Zone($"z{i % 4}"));
            var web = Service("web", 500, p => p with { Strategy = strategy });
            grid.Run(web);
            return grid.Layout(web);
        }

        Assert.Equal(Layout(1, PlacementStrategy.Ha), Layout(1, PlacementStrategy.Ha));
        Assert.Equal(Layout(1, PlacementStrategy.Random), Layout(1, PlacementStrategy.Random));
        Assert.NotEqual(Layout(1, PlacementStrategy.Random), Layout(2, PlacementStrategy.Random));
    }

    [Fact]
    public void Scaling_up_on_a_large_grid_moves_nothing()
    {
        var grid = new Harness { Seed = 5 }.AddMany(200, shape: (i, n) => n.Zone($"z{i % 5}"));
        var before = grid.Run(Service("web", 300));

        var after = grid.Plan(Service("web", 600));

        Assert.All(before.Assignments, a => Assert.Equal(a.Node, after.NodeOf(a.Instance)));
        Assert.Equal(300, after.Placed.Count);
    }
}
