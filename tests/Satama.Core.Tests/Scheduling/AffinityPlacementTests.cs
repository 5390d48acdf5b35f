using Satama.Core.Model;
using Satama.Core.Scheduling;
using static Satama.Core.Tests.Scheduling.Harness;

namespace Satama.Core.Tests.Scheduling;

public sealed class AffinityPlacementTests
{
    private static ServiceSpec With(string name, int instances, params string[] rules) =>
        Service(name, instances, p => p with { Affinity = rules });

    [Fact]
    public void Node_equals_pins_every_instance_to_that_node()
    {
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c"));
        var web = With("web", 3, "node==b");

        grid.Run(web);

        Assert.Equal("1@b 2@b 3@b", grid.Layout(web));
    }

    [Fact]
    public void Node_not_equals_keeps_instances_off_that_node()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var web = With("web", 2, "node!=a");

        grid.Run(web);

        Assert.Equal("1@b 2@b", grid.Layout(web));
    }

    [Fact]
    public void Label_equals_places_only_on_nodes_with_that_label()
    {
        var grid = new Harness().Add(Node("a").Label("ingress", "true"), Node("b"), Node("c").Label("ingress", "false"));
        var lb = With("lb", 2, "label==ingress=true");

        grid.Run(lb);

        Assert.Equal("1@a 2@a", grid.Layout(lb));
    }

    [Fact]
    public void Label_not_equals_avoids_nodes_with_that_label()
    {
        var grid = new Harness().Add(Node("a").Label("disk", "hdd"), Node("b").Label("disk", "ssd"), Node("c"));
        var web = With("web", 2, "label!=disk=hdd");

        grid.Run(web);

        Assert.Equal("1@b 2@c", grid.Layout(web));
    }

    [Fact]
    public void A_key_only_label_rule_asks_for_the_key_whatever_its_value()
    {
        var grid = new Harness().Add(Node("a"), Node("b").Label("gpu", "nvidia"));
        var ml = With("ml", 1, "label==gpu");

        grid.Run(ml);

        Assert.Equal("1@b", grid.Layout(ml));
    }

    [Fact]
    public void A_regex_rule_matches_labels_and_names()
    {
        var grid = new Harness().Add(Node("db-1").Label("az", "eu-1"), Node("web-1").Label("az", "eu-2"), Node("web-2").Label("az", "us-1"));
        var web = With("web", 2, "node=~^web-", "label=~az=^eu-");

        grid.Run(web);

        Assert.Equal("1@web-1 2@web-1", grid.Layout(web));
    }

    [Fact]
    public void Service_equals_places_beside_an_instance_of_that_service()
    {
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c"));
        var db = Service("db", 1, p => p with { Affinity = ["node==c"] });
        grid.Run(db);
        var cache = With("cache", 2, "service==db");

        grid.Run(cache);

        Assert.Equal("1@c 2@c", grid.Layout(cache));
    }

    [Fact]
    public void Service_not_equals_keeps_away_from_that_service()
    {
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c"));
        var db = With("db", 2, "node!=c");
        grid.Run(db);
        var web = With("web", 2, "service!=db");

        grid.Run(web);

        Assert.Equal("1@c 2@c", grid.Layout(web));
    }

    [Fact]
    public void Anti_affinity_with_itself_runs_at_most_one_instance_per_node()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var web = With("web", 3, "service!=web");

        var plan = grid.Run(web);

        Assert.Equal("1@a 2@b", grid.Layout(web));
        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal("2 nodes run web", unplaced.Reason);
        Assert.Equal(2, unplaced.Filtered["affinity service!=web"]);
    }

    [Fact]
    public void A_service_name_without_a_stack_means_the_same_stack()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var otherDb = Service("db", 1, p => p with { Affinity = ["node==a"] }) with { Stack = "other" };
        grid.Run(otherDb);
        var shopDb = Service("db", 1, p => p with { Affinity = ["node==b"] }) with { Stack = "shop" };
        grid.Run(shopDb);

        var local = With("cache", 1, "service==db") with { Stack = "shop" };
        var remote = With("proxy", 1, "service==other/db") with { Stack = "shop" };
        grid.Run(local);
        grid.Run(remote);

        Assert.Equal("1@b", grid.Layout(local));
        Assert.Equal("1@a", grid.Layout(remote));
    }

    [Fact]
    public void Container_not_equals_keeps_away_from_one_instance()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var db = Service("db", 2);
        grid.Run(db);
        var backup = With("backup", 2, "container!=db-1");

        grid.Run(backup);

        Assert.Equal("1@b 2@b", grid.Layout(backup));
    }

    [Fact]
    public void Container_equals_places_beside_one_instance()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var db = Service("db", 2);
        grid.Run(db);
        var sidecar = With("sidecar", 1, "container==db-2");

        grid.Run(sidecar);

        Assert.Equal("1@b", grid.Layout(sidecar));
    }

    [Fact]
    public void Compose_placement_constraints_filter_like_their_satama_forms()
    {
        var grid = new Harness().Add(Node("a").Label("az", "x"), Node("b").Label("az", "y"), Node("c").Label("az", "y"));
        var web = With("web", 2, "node.labels.az==y", "node.hostname!=c", "node.role==manager");

        grid.Run(web);

        Assert.Equal("1@b 2@b", grid.Layout(web));
    }

    [Fact]
    public void Rules_all_hold_at_once()
    {
        var grid = new Harness().Add(Node("a").Label("az", "x"), Node("b").Label("az", "x").Label("ssd", "1"), Node("c").Label("ssd", "1"));
        var db = With("db", 1, "label==az=x", "label==ssd");

        grid.Run(db);

        Assert.Equal("1@b", grid.Layout(db));
    }

    [Fact]
    public void A_failed_placement_counts_each_rule_that_ruled_nodes_out()
    {
        var grid = new Harness().Add(Node("a"), Node("b"), Node("c").Label("ingress", "true"), Node("d").Label("ingress", "true").Offline());
        var lb = With("lb", 1, "label==ingress=true", "node!=c");

        var plan = grid.Plan(lb);

        var unplaced = Assert.Single(plan.Unplaced);
        Assert.Equal("2 nodes lack label ingress=true; 1 node is c; 1 node is offline", unplaced.Reason);
        Assert.Equal(2, unplaced.Filtered["affinity label==ingress=true"]);
        Assert.Equal(1, unplaced.Filtered["affinity node!=c"]);
        Assert.Equal(1, unplaced.Filtered["offline"]);
    }

    [Theory]
    [InlineData("node==x", "2 nodes are not x")]
    [InlineData("node=~^x", "2 nodes have names not matching ^x")]
    [InlineData("label==k=v", "2 nodes lack label k=v")]
    [InlineData("label==k", "2 nodes lack label k")]
    [InlineData("label=~k=^v", "2 nodes lack a label k matching ^v")]
    [InlineData("service==db", "2 nodes do not run db")]
    [InlineData("service=~^d", "2 nodes do not run a service matching ^d")]
    [InlineData("container==db-1", "2 nodes do not run db-1")]
    [InlineData("container=~^db", "2 nodes do not run an instance matching ^db")]
    public void Each_rule_explains_itself_in_words(string rule, string reason)
    {
        var grid = new Harness().Add(Node("a"), Node("b"));

        var plan = grid.Plan(With("web", 1, rule));

        Assert.Equal(reason, Assert.Single(plan.Unplaced).Reason);
    }

    [Theory]
    [InlineData("node!=a", "1 node is a")]
    [InlineData("node!~a", "1 node has a name matching a")]
    [InlineData("label!=k=v", "1 node has label k=v")]
    [InlineData("label!=k", "1 node has label k")]
    [InlineData("service!=db", "1 node runs db")]
    [InlineData("container!=db-1", "1 node runs db-1")]
    public void Negated_rules_explain_themselves_in_the_singular(string rule, string reason)
    {
        var grid = new Harness().Add(Node("a").Label("k", "v"));
        grid.Run(Service("db", 1));

        var plan = grid.Plan(With("web", 1, rule));

        Assert.Equal(reason, Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void An_invalid_rule_places_nothing_and_says_why()
    {
        var grid = new Harness().Add(Node("a"));

        var plan = grid.Plan(With("web", 1, "host==a"));

        Assert.Contains("affinity rule 'host==a' is not", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void An_instance_on_a_node_that_no_longer_matches_a_label_rule_moves_to_one_that_does()
    {
        var grid = new Harness().Add(Node("a"), Node("b").Label("ssd", "1"));
        var web = Service("web", 2);
        grid.Run(web);

        var plan = grid.Run(With("web", 2, "label==ssd"));

        Assert.Equal("1@b 2@b", grid.Layout(web));
        Assert.Equal(new Move(1, "a", "b"), Assert.Single(plan.Moved));
    }

    [Fact]
    public void An_instance_whose_node_no_longer_matches_stays_when_no_node_matches()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var web = Service("web", 1);
        grid.Run(web);

        var plan = grid.Run(With("web", 1, "label==ssd"));

        Assert.Equal("1@a", grid.Layout(web));
        Assert.Empty(plan.Moved);
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void A_service_rule_moves_nothing_already_placed()
    {
        var grid = new Harness().Add(Node("a"), Node("b"));
        var web = Service("web", 2);
        grid.Run(web);
        grid.Run(Service("db", 1, p => p with { Affinity = ["node==a"] }));

        var plan = grid.Run(With("web", 2, "service!=db"));

        Assert.Equal("1@a 2@b", grid.Layout(web));
        Assert.Empty(plan.Moved);
    }
}
