using Satama.Core.Model;
using Satama.Core.Scheduling;
using static Satama.Core.Tests.Scheduling.Harness;

namespace Satama.Core.Tests.Scheduling;

public sealed class DaemonTests
{
    private static ServiceSpec Daemon(string name, int perNode = 1, string[]? rules = null, params string[] ports) =>
        Service(name, perNode, p => p with { Strategy = PlacementStrategy.Daemon, Affinity = rules ?? [] }, ports);

    [Fact]
    public void A_daemon_runs_one_instance_on_every_node()
    {
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c"));
        var agent = Daemon("agent");

        grid.Run(agent);

        Assert.Equal("1@a 2@b 3@c", grid.Layout(agent));
    }

    [Fact]
    public void A_daemon_with_instances_runs_that_many_on_every_node()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var agent = Daemon("agent", perNode: 2);

        grid.Run(agent);

        Assert.Equal("1@a 2@a 3@b 4@b", grid.Layout(agent));
    }

    [Fact]
    public void A_node_that_joins_later_gets_its_instance_and_no_other_moves()
    {
        var grid = new Harness().Add(Node("b"), Node("d"));
        var agent = Daemon("agent");
        grid.Run(agent);

        grid.Add(Node("a"), Node("c"));
        var plan = grid.Run(agent);

        Assert.Equal("1@b 2@d 3@a 4@c", grid.Layout(agent));
        Assert.Equal(["a", "c"], plan.Placed.Select(p => p.Node));
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void A_node_that_leaves_loses_its_instance_and_a_later_node_reuses_the_number()
    {
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c"));
        var agent = Daemon("agent");
        grid.Run(agent);

        grid.Remove("b");
        var left = grid.Run(agent);
        grid.Add(Node("d"));
        grid.Run(agent);

        Assert.Equal(new Assignment(2, "b"), Assert.Single(left.Removed));
        Assert.Equal("1@a 2@d 3@c", grid.Layout(agent));
    }

    [Fact]
    public void A_daemon_runs_only_on_nodes_that_match_its_rules()
    {
        var grid = new Harness().Add(Node("a").Label("ingress", "true"), Node("b"), Node("c").Label("ingress", "true"));
        var lb = Daemon("lb", rules: ["label==ingress=true"]);

        grid.Run(lb);

        Assert.Equal("1@a 2@c", grid.Layout(lb));
    }

    [Fact]
    public void A_node_that_gains_the_label_gets_an_instance_and_one_that_loses_it_drops_its_own()
    {
        var grid = new Harness().Add(Node("a").Label("ingress", "true"), Node("b"));
        var lb = Daemon("lb", rules: ["label==ingress=true"]);
        grid.Run(lb);

        grid.Relabel("a");
        grid.Relabel("b", "ingress=true");
        var plan = grid.Run(lb);

        Assert.Equal("1@b", grid.Layout(lb));
        Assert.Equal(new Assignment(1, "a"), Assert.Single(plan.Removed));
    }

    [Fact]
    public void An_offline_node_keeps_its_daemon_instance_and_a_new_offline_node_waits()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var agent = Daemon("agent");
        grid.Run(agent);

        grid.GoOffline("b", ago: TimeSpan.FromHours(1));
        grid.Add(Node("c").Offline());
        var plan = grid.Run(agent);

        Assert.Equal("1@a 2@b", grid.Layout(agent));
        Assert.Empty(plan.Unplaced);
        Assert.Empty(plan.Moved);
    }

    [Fact]
    public void An_offline_node_gets_its_instance_when_it_comes_online()
    {
        var grid = new Harness().Add(Node("a"), Node("b").Offline());
        var agent = Daemon("agent");
        grid.Run(agent);

        grid.ComeBack("b");
        grid.Run(agent);

        Assert.Equal("1@a 2@b", grid.Layout(agent));
    }

    [Fact]
    public void Lowering_instances_per_node_keeps_the_lowest_numbers_on_each_node()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        grid.Run(Daemon("agent", perNode: 2));

        var plan = grid.Run(Daemon("agent", perNode: 1));

        Assert.Equal("1@a 3@b", grid.Layout(Daemon("agent")));
        Assert.Equal([2, 4], plan.Removed.Select(r => r.Instance));
    }

    [Fact]
    public void Zero_instances_removes_the_daemon_everywhere()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        grid.Run(Daemon("agent"));

        var plan = grid.Run(Daemon("agent", perNode: 0));

        Assert.Empty(plan.Assignments);
        Assert.Equal(2, plan.Removed.Count);
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void A_node_of_the_daemon_that_cannot_take_it_is_named_in_the_reason()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        grid.Run(Service("api", 1, p => p with { Affinity = ["node==b"] }, "8080:80"));
        var proxy = Daemon("proxy", ports: "8080:80");

        var plan = grid.Run(proxy);

        Assert.Equal("1@a", grid.Layout(proxy));
        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal(2, unplaced.Instance);
        Assert.Equal("node b has host port 8080/tcp taken", unplaced.Reason);
    }

    [Fact]
    public void A_daemon_no_node_matches_explains_over_the_grid()
    {
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c").Offline());

        var plan = grid.Plan(Daemon("lb", rules: ["label==ingress=true"]));

        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal("2 nodes lack label ingress=true; 1 node is offline", unplaced.Reason);
    }

    [Fact]
    public void A_daemon_on_an_empty_grid_waits_for_a_node()
    {
        var plan = new Harness().Plan(Daemon("agent"));

        Assert.Equal("no node online", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void Daemon_instances_count_as_covered_by_the_spec_whatever_their_number()
    {
        var daemon = Daemon("agent").Placement;
        var ha = PlacementSpec.Default;

        Assert.True(daemon.Covers(1, 57));
        Assert.False(daemon.Covers(0, 1));
        Assert.True(ha.Covers(3, 3));
        Assert.False(ha.Covers(3, 4));
        Assert.False(ha.Covers(3, 0));
    }
}
