using static Satama.Core.Tests.Scheduling.Harness;

namespace Satama.Core.Tests.Scheduling;

public sealed class HaSpreadTests
{
    [Fact]
    public void Placer_spreads_across_zones_before_nodes()
    {
        var grid = new Harness().Add(
            Node("a1").Zone("a"), Node("a2").Zone("a"), Node("a3").Zone("a"), Node("a4").Zone("a"),
            Node("b1").Zone("b"), Node("c1").Zone("c"));
        var web = Service("web", 3);

        grid.Run(web);

        Assert.Equal("1@a1 2@b1 3@c1", grid.Layout(web));
    }

    [Fact]
    public void Placer_spreads_across_regions_before_zones()
    {
        var grid = new Harness().Add(
            Node("e1").Zone("a", "eu"), Node("e2").Zone("b", "eu"), Node("e3").Zone("c", "eu"),
            Node("u1").Zone("a", "us"));
        var web = Service("web", 2);

        grid.Run(web);

        Assert.Equal("1@e1 2@u1", grid.Layout(web));
    }

    [Fact]
    public void Zones_stay_balanced_as_instances_outnumber_them()
    {
        var grid = new Harness().Add(
            Node("a1").Zone("a"), Node("a2").Zone("a"), Node("a3").Zone("a"),
            Node("b1").Zone("b"), Node("c1").Zone("c"), Node("c2").Zone("c"));
        var web = Service("web", 7);

        grid.Run(web);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 3, ["b"] = 2, ["c"] = 2 }, grid.CountBy(web, n => n.Zone));
        Assert.Equal(2, grid.Of(web).Values.Count(n => n == "b1"));
    }

    [Fact]
    public void Within_a_zone_instances_spread_over_its_nodes()
    {
        var grid = new Harness().Add(Node("a1").Zone("a"), Node("a2").Zone("a"), Node("b1").Zone("b"));
        var web = Service("web", 4);

        grid.Run(web);

        Assert.Equal("1@a1 2@b1 3@a2 4@b1", grid.Layout(web));
    }

    [Fact]
    public void Spread_counts_the_zones_of_instances_already_running()
    {
        var grid = new Harness().Add(Node("a1").Zone("a"), Node("a2").Zone("a"), Node("b1").Zone("b"));
        var web = Service("web", 1, p => p with { Affinity = ["node==a1"] });
        grid.Run(web);

        grid.Run(Service("web", 2));

        Assert.Equal("1@a1 2@b1", grid.Layout(web));
    }

    [Fact]
    public void Nodes_without_zone_labels_form_a_zone_of_their_own()
    {
        var grid = new Harness().Add(Node("a1").Zone("a"), Node("a2").Zone("a"), Node("x"), Node("y"));
        var web = Service("web", 2);

        grid.Run(web);

        Assert.Equal("1@a1 2@x", grid.Layout(web));
    }

    [Fact]
    public void Other_services_weigh_only_after_this_services_spread()
    {
        var grid = new Harness().Add(Node("a1").Zone("a"), Node("b1").Zone("b"), Node("b2").Zone("b"));
        grid.Run(Service("db", 3, p => p with { Affinity = ["node==b1"] }));
        var web = Service("web", 2);

        grid.Run(web);

        Assert.Equal("1@a1 2@b2", grid.Layout(web));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Random_zone_layouts_stay_within_one_instance_per_zone_when_every_zone_has_room(int seed)
    {
        var random = new Random(seed);
        var zones = random.Next(2, 5);
        var grid = new Harness().AddMany(random.Next(zones, 12), shape: (i, n) => n.Zone($"z{i % zones}"));
        var web = Service("web", random.Next(1, 30));

        grid.Run(web);

        var counts = Enumerable.Range(0, zones).Select(z => grid.CountBy(web, n => n.Zone).GetValueOrDefault($"z{z}")).ToList();
        Assert.True(counts.Max() - counts.Min() <= 1, string.Join(",", counts));
    }
}
