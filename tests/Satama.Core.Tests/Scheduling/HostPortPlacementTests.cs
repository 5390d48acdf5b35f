using static Satama.Core.Tests.Scheduling.PlacerHarness;

namespace Satama.Core.Tests.Scheduling;

public sealed class HostPortPlacementTests
{
    [Fact]
    public void Instances_publishing_a_host_port_go_on_different_nodes()
    {
        var plan = Plan(Service("web", 2, "8080:80"), Online("a", "b"));

        Assert.Equal("1@a 2@b", Layout(plan));
    }

    [Fact]
    public void More_instances_than_nodes_with_a_host_port_leaves_the_rest_unplaced_with_a_count()
    {
        var plan = Plan(Service("web", 3, "8080:80"), Online("a", "b"));

        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal(3, unplaced.Instance);
        Assert.Equal("2 nodes have host port 8080/tcp taken", unplaced.Reason);
        Assert.Equal(2, unplaced.Filtered["host-port 8080/tcp"]);
    }

    [Fact]
    public void A_node_where_another_service_holds_the_host_port_is_infeasible()
    {
        var api = Service("api", 1, "8080:8080");

        var plan = Plan(Service("web", 1, "8080:80"), Online("a", "b"), On("a", api, 1));

        Assert.Equal("1@b", Layout(plan));
    }

    [Fact]
    public void A_single_node_with_the_port_taken_is_reported_in_the_singular()
    {
        var api = Service("api", 1, "8080:8080");

        var plan = Plan(Service("web", 1, "8080:80"), Online("a"), On("a", api, 1));

        Assert.Equal("1 node has host port 8080/tcp taken", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void The_same_port_number_on_another_protocol_does_not_conflict()
    {
        var dns = Service("dns", 1, "53:53/udp");

        var plan = Plan(Service("web", 1, "53:53/tcp"), Online("a"), On("a", dns, 1));

        Assert.Equal("1@a", Layout(plan));
    }

    [Fact]
    public void Different_host_ports_do_not_conflict()
    {
        var api = Service("api", 1, "9090:80");

        var plan = Plan(Service("web", 1, "8080:80"), Online("a"), On("a", api, 1));

        Assert.Equal("1@a", Layout(plan));
    }

    [Fact]
    public void Removed_instances_free_their_host_port_for_the_plan()
    {
        var old = Service("web", 2, "8080:80");
        var web = Service("web", 1, "8080:80");

        var plan = Plan(web, Online("a"), On("a", old, 2));

        Assert.Equal("1@a", Layout(plan));
        Assert.Equal(2, Assert.Single(plan.Removed).Instance);
    }

    [Fact]
    public void Unplaced_reason_names_offline_nodes_beside_port_conflicts()
    {
        var api = Service("api", 1, "8080:8080");

        var plan = Plan(Service("web", 1, "8080:80"), [Offline("z"), .. Online("a")], On("a", api, 1));

        Assert.Equal("1 node has host port 8080/tcp taken; 1 node is offline", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void Each_conflicting_port_is_counted_by_the_first_filter_that_rules_the_node_out()
    {
        var api = Service("api", 1, "8080:8080");
        var dns = Service("dns", 1, "53:53/udp");

        var plan = Plan(Service("web", 1, "8080:80", "53:53/udp"), Online("a", "b"), On("a", api, 1), On("b", dns, 1));

        Assert.Equal("1 node has host port 8080/tcp taken; 1 node has host port 53/udp taken", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void A_kept_instance_on_an_offline_node_still_holds_its_host_port()
    {
        var web = Service("web", 2, "8080:80");

        var plan = Plan(web, [Offline("a"), .. Online("b")], On("a", web, 1), On("b", web, 2));

        Assert.Equal("1@a 2@b", Layout(plan));
        Assert.Empty(plan.Unplaced);
    }
}
