using Satama.Core.Model;
using static Satama.Core.Tests.Scheduling.Harness;

namespace Satama.Core.Tests.Scheduling;

public sealed class RandomStrategyTests
{
    private static ServiceSpec Random(string name, int instances, params string[] rules) =>
        Service(name, instances, p => p with { Strategy = PlacementStrategy.Random, Affinity = rules });

    private static Harness Grid(ulong seed) => new Harness { Seed = seed }.AddMany(8);

    [Fact]
    public void The_same_seed_places_the_same_way()
    {
        var first = Grid(42);
        var second = Grid(42);

        first.Run(Random("web", 20));
        second.Run(Random("web", 20));

        Assert.Equal(first.Layout(Random("web", 20)), second.Layout(Random("web", 20)));
    }

    [Fact]
    public void Different_seeds_place_differently()
    {
        var layouts = Enumerable.Range(1, 5).Select(seed =>
        {
            var grid = Grid((ulong)seed);
            grid.Run(Random("web", 20));
            return grid.Layout(Random("web", 20));
        }).Distinct().Count();

        Assert.True(layouts > 1);
    }

    [Fact]
    public void Different_services_draw_different_streams_under_one_seed()
    {
        var grid = Grid(7);

        grid.Run(Random("web", 20));
        grid.Run(Random("api", 20));

        Assert.NotEqual(grid.Of(Random("web", 20)).Values, grid.Of(Random("api", 20)).Values);
    }

    [Fact]
    public void Random_places_only_on_feasible_nodes()
    {
        var grid = new Harness { Seed = 3 }.AddMany(6, shape: (i, n) => i % 2 == 0 ? n.Label("ssd", "1") : n);
        var web = Random("web", 30, "label==ssd");

        grid.Run(web);

        Assert.All(grid.Of(web).Values, node => Assert.Contains(grid.Nodes, n => n.Name == node && n.Labels.ContainsKey("ssd")));
    }

    [Fact]
    public void Random_uses_more_than_one_node()
    {
        var grid = Grid(1);
        var web = Random("web", 30);

        grid.Run(web);

        Assert.True(grid.Of(web).Values.Distinct().Count() > 1);
    }

    [Fact]
    public void Random_explains_a_failure_like_any_strategy()
    {
        var grid = Grid(1);

        var plan = grid.Plan(Random("web", 1, "node==x"));

        Assert.Equal("8 nodes are not x", Assert.Single(plan.Unplaced).Reason);
    }
}
