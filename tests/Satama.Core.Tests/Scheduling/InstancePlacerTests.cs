using static Satama.Core.Tests.Scheduling.PlacerHarness;

namespace Satama.Core.Tests.Scheduling;

public sealed class InstancePlacerTests
{
    [Fact]
    public void Placer_spreads_instances_over_nodes_in_name_order()
    {
        var plan = Plan(Service("web", 3), Online("b", "a", "c"));

        Assert.Equal("1@a 2@b 3@c", Layout(plan));
        Assert.Equal(3, plan.Placed.Count);
        Assert.Empty(plan.Unplaced);
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void Placer_puts_several_instances_on_one_node_when_there_is_no_other()
    {
        var plan = Plan(Service("web", 3), Online("a"));

        Assert.Equal("1@a 2@a 3@a", Layout(plan));
    }

    [Fact]
    public void Placer_wraps_around_evenly_when_instances_outnumber_nodes()
    {
        var plan = Plan(Service("web", 5), Online("a", "b"));

        Assert.Equal("1@a 2@b 3@a 4@b 5@a", Layout(plan));
    }

    [Fact]
    public void Scale_up_never_moves_an_existing_instance()
    {
        var web = Service("web", 4);

        var plan = Plan(web, Online("a", "b"), On("b", web, 1), On("b", web, 2));

        Assert.Equal("b", plan.NodeOf(1));
        Assert.Equal("b", plan.NodeOf(2));
        Assert.Equal("3@a 4@a", string.Join(" ", plan.Placed.Select(a => $"{a.Instance}@{a.Node}")));
    }

    [Fact]
    public void Scale_down_removes_the_highest_numbers_and_keeps_the_rest_in_place()
    {
        var old = Service("web", 3);
        var web = Service("web", 1);

        var plan = Plan(web, Online("a", "b", "c"), On("c", old, 1), On("a", old, 2), On("b", old, 3));

        Assert.Equal("1@c", Layout(plan));
        Assert.Equal([2, 3], plan.Removed.Select(r => r.Instance));
        Assert.Empty(plan.Placed);
    }

    [Fact]
    public void Scale_to_zero_removes_every_instance()
    {
        var old = Service("web", 2);

        var plan = Plan(Service("web", 0), Online("a"), On("a", old, 1), On("a", old, 2));

        Assert.Empty(plan.Assignments);
        Assert.Equal(2, plan.Removed.Count);
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void A_plan_that_changes_nothing_places_and_removes_nothing()
    {
        var web = Service("web", 2);

        var plan = Plan(web, Online("a", "b"), On("a", web, 1), On("b", web, 2));

        Assert.Empty(plan.Placed);
        Assert.Empty(plan.Removed);
        Assert.Equal("1@a 2@b", Layout(plan));
    }

    [Fact]
    public void No_node_online_leaves_every_instance_unplaced_with_that_reason()
    {
        var plan = Plan(Service("web", 2), [Offline("a")]);

        Assert.Empty(plan.Assignments);
        Assert.Equal([1, 2], plan.Unplaced.Select(u => u.Instance));
        Assert.All(plan.Unplaced, u => Assert.Equal("no node online", u.Reason));
    }

    [Fact]
    public void An_empty_grid_reports_no_node_online()
    {
        var plan = Plan(Service("web", 1), []);

        Assert.Equal("no node online", Assert.Single(plan.Unplaced).Reason);
    }

    [Fact]
    public void New_instances_go_only_on_online_nodes()
    {
        var plan = Plan(Service("web", 2), [Offline("a"), .. Online("b")]);

        Assert.Equal("1@b 2@b", Layout(plan));
    }

    [Fact]
    public void Instances_on_an_offline_node_stay_put()
    {
        var web = Service("web", 2);

        var plan = Plan(web, [Offline("a"), .. Online("b")], On("a", web, 1), On("b", web, 2));

        Assert.Equal("1@a 2@b", Layout(plan));
        Assert.Empty(plan.Placed);
    }

    [Fact]
    public void An_instance_whose_node_left_the_grid_is_placed_again()
    {
        var web = Service("web", 1);

        var plan = Plan(web, Online("b"), On("gone", web, 1));

        Assert.Equal("1@b", Layout(plan));
        Assert.Single(plan.Placed);
    }

    [Fact]
    public void Duplicate_assignments_of_one_instance_keep_the_first_and_remove_the_other()
    {
        var web = Service("web", 1);

        var plan = Plan(web, Online("a", "b"), On("a", web, 1), On("b", web, 1));

        Assert.Equal("1@a", Layout(plan));
        Assert.Equal("b", Assert.Single(plan.Removed).Node);
    }

    [Fact]
    public void Ranking_prefers_the_node_with_fewest_instances_of_the_service()
    {
        var web = Service("web", 2);
        var db = Service("db", 3);

        var plan = Plan(web, Online("a", "b"), On("a", web, 1), On("b", db, 1), On("b", db, 2), On("b", db, 3));

        Assert.Equal("b", plan.NodeOf(2));
    }

    [Fact]
    public void Ranking_breaks_ties_by_fewest_instances_overall()
    {
        var db = Service("db", 1);

        var plan = Plan(Service("web", 1), Online("a", "b"), On("a", db, 1));

        Assert.Equal("1@b", Layout(plan));
    }

    [Fact]
    public void Instances_of_another_stack_with_the_same_service_name_count_as_other_services()
    {
        var web = Service("web", 1);
        var other = Service("web", 1) with { Stack = "shop" };

        var plan = Plan(web, Online("a", "b"), On("a", other, 1));

        Assert.Equal("1@b", Layout(plan));
    }

    [Fact]
    public void Plans_are_deterministic_whatever_the_input_order()
    {
        var db = Service("db", 2);
        var first = Plan(Service("web", 5), Online("c", "a", "b"), On("b", db, 1), On("c", db, 2));
        var second = Plan(Service("web", 5), Online("b", "c", "a"), On("c", db, 2), On("b", db, 1));

        Assert.Equal(Layout(first), Layout(second));
    }
}
