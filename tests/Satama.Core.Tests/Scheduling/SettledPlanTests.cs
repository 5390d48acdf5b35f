using CsCheck;
using Satama.Core.Model;
using Satama.Core.Scheduling;

namespace Satama.Core.Tests.Scheduling;

/// <summary>
/// The settled fast path (a service with nothing to do, planned from its own instances only) must give
/// exactly the plan the full placer gives, and must step aside whenever there is work to do.
/// </summary>
public sealed class SettledPlanTests
{
    private static ServiceSpec Web(int instances, bool rule, bool stateful) => Harness.Service("web", instances, p => p with
    {
        Affinity = rule ? ["label==ssd"] : [],
        Stateful = stateful,
        Cpus = 0.5,
    });

    private static Harness Grid(int nodes, int seed) => new Harness { Seed = (ulong)seed }
        .AddMany(nodes, shape: (i, n) => (i % 3 == 0 ? n : n.Label("ssd", "1")).Zone($"z{i % 3}").Cpus(4));

    private static string Text(PlacementPlan plan) =>
        string.Join(" ", plan.Assignments.Select(a => $"{a.Instance}@{a.Node}")) + " | " +
        string.Join(" ", plan.Placed.Select(a => $"{a.Instance}@{a.Node}")) + " | " +
        string.Join(" ", plan.Removed.Select(a => $"{a.Instance}@{a.Node}")) + " | " +
        string.Join(" ", plan.Unplaced.Select(u => $"{u.Instance}:{u.Reason}")) + " | " +
        string.Join(" ", plan.Moved.Select(m => $"{m.Instance}:{m.From}>{m.To}"));

    [Fact]
    public void A_fully_placed_service_is_settled_and_its_plan_keeps_every_instance()
    {
        var grid = Grid(8, 1);
        var web = Web(5, rule: true, stateful: false);
        grid.Run(web);

        var settled = InstancePlacer.Settled(grid.Request(web));

        Assert.NotNull(settled);
        Assert.Equal(Text(InstancePlacer.PlanInFull(grid.Request(web))), Text(settled));
        Assert.Empty(settled.Placed);
    }

    [Fact]
    public void Settled_reads_only_the_services_own_instances()
    {
        var grid = Grid(8, 2);
        var web = Web(4, rule: false, stateful: false);
        grid.Run(Harness.Service("other", 6));
        grid.Run(web);
        var own = grid.Existing().Where(e => e.Of(web)).ToList();

        var alone = InstancePlacer.Settled(grid.Request(web) with { Existing = own });

        Assert.Equal(Text(InstancePlacer.Plan(grid.Request(web))), Text(alone!));
    }

    [Theory]
    [InlineData("scale-up")]
    [InlineData("scale-down")]
    [InlineData("node-removed")]
    [InlineData("node-relabelled")]
    [InlineData("node-lapsed")]
    [InlineData("unplaced")]
    [InlineData("daemon")]
    [InlineData("zero")]
    public void A_service_with_work_to_do_is_not_settled(string change)
    {
        var grid = Grid(6, 3);
        var web = Web(change == "unplaced" ? 40 : 4, rule: true, stateful: false);
        grid.Run(web);
        var node = grid.Of(web)[1];
        switch (change)
        {
            case "scale-up":
                web = web with { Instances = 5 };
                break;
            case "scale-down":
                web = web with { Instances = 3 };
                break;
            case "node-removed":
                grid.Remove(node);
                break;
            case "node-relabelled":
                grid.Relabel(node, "az=z1");
                break;
            case "node-lapsed":
                grid.GoOffline(node, ago: TimeSpan.FromMinutes(5));
                break;
            case "daemon":
                web = web with { Placement = web.Placement with { Strategy = PlacementStrategy.Daemon }, Instances = 1 };
                break;
            case "zero":
                web = web with { Instances = 0 };
                break;
        }

        Assert.Null(InstancePlacer.Settled(grid.Request(web)));
    }

    [Fact]
    public void A_stateful_service_on_a_lapsed_node_is_settled_because_it_waits_for_its_node()
    {
        var grid = Grid(6, 4);
        var web = Web(3, rule: false, stateful: true);
        grid.Run(web);
        grid.GoOffline(grid.Of(web)[1], ago: TimeSpan.FromMinutes(5));

        Assert.Equal(Text(InstancePlacer.PlanInFull(grid.Request(web))), Text(InstancePlacer.Settled(grid.Request(web))!));
    }

    [Fact]
    public void Whenever_the_fast_path_answers_it_answers_what_the_full_placer_would()
    {
        Gen.Select(Gen.Int[1, 90], Gen.Int[0, 1_000_000], Gen.Int[0, 12], Gen.Int[0, 5], Gen.Bool, Gen.Bool).Sample((nodes, seed, instances, change, rule, stateful) =>
        {
            var grid = Grid(nodes, seed);
            var web = Web(instances, rule, stateful);
            grid.Run(Harness.Service("other", Math.Min(nodes, 7), p => p with { Cpus = 1 }));
            grid.Run(web);
            var random = new Random(seed);
            var names = grid.Nodes.Select(n => n.Name).ToList();
            var node = names[random.Next(names.Count)];
            switch (change)
            {
                case 1:
                    grid.GoOffline(node, ago: TimeSpan.FromMinutes(random.Next(3)));
                    break;
                case 2:
                    grid.Relabel(node, random.Next(2) == 0 ? "ssd=1" : "az=z9");
                    break;
                case 3:
                    grid.Remove(node);
                    break;
                case 4:
                    web = web with { Instances = Math.Max(0, instances + random.Next(-2, 3)) };
                    break;
            }

            var request = grid.Request(web);
            if (InstancePlacer.Settled(request) is { } settled)
            {
                Assert.Equal(Text(InstancePlacer.PlanInFull(request)), Text(settled));
            }
        }, iter: 400);
    }
}
