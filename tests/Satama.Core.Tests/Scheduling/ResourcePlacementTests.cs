using Satama.Core.Model;
using static Satama.Core.Tests.Scheduling.Harness;
using static Satama.Core.Tests.Scheduling.Harness.NodeBuilder;

namespace Satama.Core.Tests.Scheduling;

public sealed class ResourcePlacementTests
{
    private static ServiceSpec Reserving(string name, int instances, double cpus = 0, long memory = 0) =>
        Service(name, instances, p => p with { Cpus = cpus, MemoryBytes = memory });

    [Fact]
    public void Instances_fill_a_node_up_to_its_memory_and_no_further()
    {
        var grid = new Harness().Add(Node("a").Memory(4 * GiB));
        var web = Reserving("web", 3, memory: 2 * GiB);

        var plan = grid.Run(web);

        Assert.Equal("1@a 2@a", grid.Layout(web));
        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal("1 node has 0 of 2 GiB memory free", unplaced.Reason);
        Assert.Equal(1, unplaced.Filtered["memory"]);
    }

    [Fact]
    public void Exhausted_cpu_says_how_much_is_left()
    {
        var grid = new Harness().Add(Node("a").Cpus(2));
        grid.Run(Reserving("db", 1, cpus: 1.5));

        var plan = grid.Plan(Reserving("web", 1, cpus: 2));

        Assert.Equal("1 node has 0.5 of 2 CPUs free", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void Several_exhausted_nodes_are_counted_together()
    {
        var grid = new Harness().Add(Node("a").Memory(1 * GiB), Node("b").Memory(1 * GiB), Node("c").Cpus(1));

        var plan = grid.Plan(Reserving("web", 1, cpus: 1.5, memory: 2 * GiB));

        Assert.Equal("1 node has 1 of 1.5 CPUs free; 2 nodes have less than 2 GiB memory free", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void Small_reservations_are_told_in_mebibytes()
    {
        var grid = new Harness().Add(Node("a").Memory(768L << 20));
        grid.Run(Reserving("db", 1, memory: 512L << 20));

        var plan = grid.Plan(Reserving("web", 1, memory: 512L << 20));

        Assert.Equal("1 node has 256 of 512 MiB memory free", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void The_example_of_the_issue_reads_as_written()
    {
        var grid = new Harness().Add(
            Node("a"), Node("b"),
            Node("c").Label("ingress", "true").Memory(2 * GiB),
            Node("d").Label("ingress", "true").Offline());
        grid.Run(Service("cache", 1, p => p with { Affinity = ["node==c"], MemoryBytes = 1536L << 20 }));

        var plan = grid.Plan(Service("lb", 1, p => p with { Affinity = ["label==ingress=true"], MemoryBytes = 2 * GiB }));

        Assert.Equal("2 nodes lack label ingress=true; 1 node has 0.5 of 2 GiB memory free; 1 node is offline", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void A_node_of_unknown_capacity_takes_any_reservation()
    {
        var grid = new Harness().Add(Node("a"));
        var web = Reserving("web", 3, cpus: 64, memory: 1L << 40);

        grid.Run(web);

        Assert.Equal("1@a 2@a 3@a", grid.Layout(web));
    }

    [Fact]
    public void Instances_without_reservations_fit_on_a_full_node()
    {
        var grid = new Harness().Add(Node("a").Cpus(1).Memory(1 * GiB));
        grid.Run(Reserving("db", 1, cpus: 1, memory: 1 * GiB));
        var web = Service("web", 2);

        grid.Run(web);

        Assert.Equal("1@a 2@a", grid.Layout(web));
    }

    [Fact]
    public void Reservations_send_instances_where_there_is_room()
    {
        var grid = new Harness().Add(Node("a").Memory(8 * GiB), Node("b").Memory(1 * GiB));
        var web = Reserving("web", 4, memory: 2 * GiB);

        grid.Run(web);

        Assert.Equal("1@a 2@a 3@a 4@a", grid.Layout(web));
    }

    [Fact]
    public void Fractional_cpus_add_up_exactly()
    {
        var grid = new Harness().Add(Node("a").Cpus(0.3));
        var web = Reserving("web", 3, cpus: 0.1);

        var plan = grid.Run(web);

        Assert.Equal("1@a 2@a 3@a", grid.Layout(web));
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void Scaling_down_frees_the_reservations_of_removed_instances()
    {
        var grid = new Harness().Add(Node("a").Memory(4 * GiB));
        grid.Run(Reserving("web", 2, memory: 2 * GiB));
        grid.Run(Reserving("web", 1, memory: 2 * GiB));
        var db = Reserving("db", 1, memory: 2 * GiB);

        grid.Run(db);

        Assert.Equal("1@a", grid.Layout(db));
    }
}
