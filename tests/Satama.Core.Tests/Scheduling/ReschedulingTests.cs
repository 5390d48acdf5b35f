using Satama.Core.Model;
using Satama.Core.Scheduling;
using static Satama.Core.Tests.Scheduling.Harness;

namespace Satama.Core.Tests.Scheduling;

public sealed class ReschedulingTests
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);

    private static Harness Grid(ServiceSpec service)
    {
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c"));
        grid.Run(service);
        return grid;
    }

    [Fact]
    public void Instances_stay_on_a_node_offline_for_less_than_the_grace_period()
    {
        var web = Service("web", 3);
        var grid = Grid(web);

        grid.GoOffline("b", ago: TimeSpan.FromSeconds(60));
        var plan = grid.Run(web);

        Assert.Equal("1@a 2@b 3@c", grid.Layout(web));
        Assert.Empty(plan.Moved);
    }

    [Fact]
    public void Instances_of_a_stateless_service_move_once_the_node_is_offline_past_the_grace_period()
    {
        var web = Service("web", 3);
        var grid = Grid(web);

        grid.GoOffline("b", ago: TimeSpan.FromSeconds(61));
        var plan = grid.Run(web);

        Assert.Equal("1@a 2@a 3@c", grid.Layout(web));
        Assert.Equal(new Move(2, "b", "a"), Assert.Single(plan.Moved));
        Assert.Equal(new Assignment(2, "a"), Assert.Single(plan.Placed));
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void Instances_of_a_stateful_service_wait_for_their_node()
    {
        var db = Service("db", 3, p => p with { Stateful = true });
        var grid = Grid(db);

        grid.GoOffline("b", ago: TimeSpan.FromHours(5));
        var plan = grid.Run(db);

        Assert.Equal("1@a 2@b 3@c", grid.Layout(db));
        Assert.Empty(plan.Moved);
    }

    [Fact]
    public void A_service_may_set_its_own_grace_period()
    {
        var quick = Service("quick", 3, p => p with { GracePeriod = TimeSpan.FromSeconds(5) });
        var patient = Service("patient", 3, p => p with { GracePeriod = TimeSpan.FromMinutes(10) });
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c"));
        grid.Run(quick);
        grid.Run(patient);

        grid.GoOffline("b", ago: TimeSpan.FromSeconds(90));
        grid.Run(quick);
        grid.Run(patient);

        Assert.Equal("1@a 2@a 3@c", grid.Layout(quick));
        Assert.Equal("1@a 2@b 3@c", grid.Layout(patient));
    }

    [Fact]
    public void The_grid_grace_period_applies_to_services_that_set_none()
    {
        var web = Service("web", 2);
        var grid = new Harness { GridGrace = TimeSpan.FromMinutes(5) }.Add(Node("a"), Node("b"));
        grid.Run(web);

        grid.GoOffline("b", ago: TimeSpan.FromMinutes(2));
        grid.Run(web);

        Assert.Equal("1@a 2@b", grid.Layout(web));
    }

    [Fact]
    public void Without_a_time_nothing_is_ever_rescheduled()
    {
        var web = Service("web", 2);
        var grid = new Harness().Add(Node("a"), Node("b"));
        grid.Run(web);
        grid.GoOffline("b", ago: TimeSpan.FromDays(1));

        var plan = InstancePlacer.Plan(grid.Request(web) with { Now = null });

        Assert.Equal("b", plan.NodeOf(2));
        Assert.Empty(plan.Moved);
    }

    [Fact]
    public void An_instance_with_nowhere_else_to_go_stays_on_its_offline_node()
    {
        var web = Service("web", 2, placement: null, "8080:80");
        var grid = new Harness().Add(Node("a"), Node("b"));
        grid.Run(web);

        grid.GoOffline("b", ago: TimeSpan.FromHours(1));
        var plan = grid.Run(web);

        Assert.Equal("1@a 2@b", grid.Layout(web));
        Assert.Empty(plan.Moved);
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void Moved_instances_spread_like_new_ones()
    {
        var grid = new Harness().Add(Node("a1").Zone("a"), Node("a2").Zone("a"), Node("b1").Zone("b"), Node("b2").Zone("b"));
        var web = Service("web", 4);
        grid.Run(web);

        grid.GoOffline("b1", ago: TimeSpan.FromMinutes(2));
        var plan = grid.Run(web);

        Assert.Equal("b2", Assert.Single(plan.Moved).To);
    }

    [Fact]
    public void A_node_that_returns_after_its_instances_moved_must_remove_them()
    {
        var web = Service("web", 3);
        var db = Service("db", 1, p => p with { Stateful = true, Affinity = ["node==b"] });
        var grid = Grid(web);
        grid.Run(db);
        var runningOnB = grid.Existing().Where(e => e.Node == "b").ToList();

        grid.GoOffline("b", ago: TimeSpan.FromMinutes(2));
        grid.Run(web);
        grid.Run(db);
        grid.ComeBack("b");

        var stale = Rescheduling.StaleOnReturn("b", runningOnB, grid.Existing());

        Assert.Equal([("null", "web", 2)], stale.Select(s => (s.Stack, s.Service, s.Number)));
    }

    [Fact]
    public void A_returning_node_with_nothing_moved_removes_nothing()
    {
        var web = Service("web", 3);
        var grid = Grid(web);
        var running = grid.Existing();

        Assert.Empty(Rescheduling.StaleOnReturn("b", running, grid.Existing()));
    }

    [Fact]
    public void Lapse_is_strictly_longer_than_the_grace_period()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var node = new NodeView("a", false) { OfflineSince = now - TimeSpan.FromSeconds(60) };

        Assert.False(Rescheduling.IsLapsed(node, now, TimeSpan.FromSeconds(60)));
        Assert.True(Rescheduling.IsLapsed(node, now + s_second, TimeSpan.FromSeconds(60)));
        Assert.False(Rescheduling.IsLapsed(node with { Online = true }, now + TimeSpan.FromDays(1), TimeSpan.Zero));
        Assert.False(Rescheduling.IsLapsed(node with { OfflineSince = null }, now + TimeSpan.FromDays(1), TimeSpan.Zero));
    }

    [Fact]
    public void Next_lapse_is_the_earliest_moment_a_node_passes_a_grace_period_that_matters()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        NodeView[] nodes =
        [
            new("a", false) { OfflineSince = now - TimeSpan.FromSeconds(50) },
            new("b", false) { OfflineSince = now - TimeSpan.FromSeconds(200) },
            new("c", true),
        ];
        var web = Service("web", 1);
        var quick = Service("quick", 1, p => p with { GracePeriod = TimeSpan.FromSeconds(55) });
        var db = Service("db", 1, p => p with { Stateful = true, GracePeriod = TimeSpan.FromSeconds(1) });

        var next = Rescheduling.NextLapse(nodes, [web, quick, db], TimeSpan.FromSeconds(60), now);

        Assert.Equal(now + TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(1), next);
        Assert.Null(Rescheduling.NextLapse(nodes, [db], TimeSpan.FromSeconds(60), now));
        Assert.Null(Rescheduling.NextLapse([new NodeView("c", true)], [web], TimeSpan.FromSeconds(60), now));
    }
}
