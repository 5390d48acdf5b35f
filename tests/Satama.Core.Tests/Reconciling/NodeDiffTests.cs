using Satama.Core.Reconciling;
using static Satama.Core.Tests.Reconciling.NodeDiffBuilder;

namespace Satama.Core.Tests.Reconciling;

public sealed class NodeDiffTests
{
    [Fact]
    public void Creates_every_desired_container_on_an_empty_node()
    {
        var plan = NodeDiff.Compute(Desired(Want("web", 1), Want("web", 2), Want("web", 3)), [], NoRestarts, Now);

        Assert.All(plan.Actions, a => Assert.Equal(NodeActionKind.Create, a.Kind));
        Assert.Equal(["prod.null.web-1.r1", "prod.null.web-2.r1", "prod.null.web-3.r1"], plan.Actions.Select(a => a.Name));
        Assert.All(plan.Actions, a => Assert.NotNull(a.Desired));
    }

    [Fact]
    public void Does_nothing_when_every_desired_container_runs()
    {
        var web1 = Want("web", 1);
        var web2 = Want("web", 2);

        var plan = NodeDiff.Compute(Desired(web1, web2), [Running(web1), Running(web2)], NoRestarts, Now);

        Assert.True(plan.IsEmpty);
        Assert.Null(plan.WakeAt);
    }

    [Fact]
    public void Removes_containers_that_are_not_desired()
    {
        var web1 = Want("web", 1);

        var plan = NodeDiff.Compute(Desired(web1), [Running(web1), Running(Want("web", 2)), Running(Want("web", 3))], NoRestarts, Now);

        Assert.All(plan.Actions, a => Assert.Equal(NodeActionKind.Remove, a.Kind));
        Assert.Equal(["prod.null.web-2.r1", "prod.null.web-3.r1"], plan.Actions.Select(a => a.Name));
    }

    [Fact]
    public void Removes_everything_of_the_node_when_nothing_is_desired()
    {
        var plan = NodeDiff.Compute(Desired(), [Running(Want("web", 1)), Has("prod.null.db-1", state: ContainerRunState.Exited)], NoRestarts, Now);

        Assert.Equal([NodeActionKind.Remove, NodeActionKind.Remove], plan.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void Replaces_a_container_whose_spec_hash_differs_by_removing_then_creating()
    {
        var web1 = Want("web", 1, hash: "new");

        var plan = NodeDiff.Compute(Desired(web1), [Running(web1, hash: "old")], NoRestarts, Now);

        Assert.Equal([NodeActionKind.Remove, NodeActionKind.Create], plan.Actions.Select(a => a.Kind));
        Assert.All(plan.Actions, a => Assert.Equal(web1.Name, a.Name));
        Assert.Equal("new", plan.Actions[1].Desired!.SpecHash);
    }

    [Fact]
    public void Replaces_a_dead_container()
    {
        var web1 = Want("web", 1);

        var plan = NodeDiff.Compute(Desired(web1), [Has(web1.Name, state: ContainerRunState.Dead)], NoRestarts, Now);

        Assert.Equal([NodeActionKind.Remove, NodeActionKind.Create], plan.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void Plan_orders_removals_before_creates_before_starts()
    {
        var a = Want("a", hash: "new");
        var b = Want("b");
        var c = Want("c");

        var plan = NodeDiff.Compute(
            Desired(a, b, c),
            [Running(a, hash: "old"), Has(c.Name, state: ContainerRunState.Created), Running(Want("z"))],
            NoRestarts,
            Now);

        Assert.Equal(
            [NodeActionKind.Remove, NodeActionKind.Remove, NodeActionKind.Create, NodeActionKind.Create, NodeActionKind.Start],
            plan.Actions.Select(x => x.Kind));
    }

    [Theory]
    [InlineData("other-grid", NodeDiffBuilder.Node)]
    [InlineData(NodeDiffBuilder.Grid, "node-2")]
    [InlineData(null, null)]
    [InlineData(NodeDiffBuilder.Grid, null)]
    [InlineData(null, NodeDiffBuilder.Node)]
    public void Never_touches_a_container_of_another_grid_or_node_or_without_labels(string? grid, string? node)
    {
        var foreign = Has("foreign.null.web-1", state: ContainerRunState.Exited, grid: grid, node: node) with { ExitCode = 1 };

        var plan = NodeDiff.Compute(Desired(), [foreign], NoRestarts, Now);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Never_creates_over_a_foreign_container_that_holds_the_name()
    {
        var web1 = Want("web", 1);
        var squatter = Has(web1.Name, grid: Grid, node: "node-2");

        var plan = NodeDiff.Compute(Desired(web1), [squatter], NoRestarts, Now);

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Ignores_desired_containers_of_another_grid()
    {
        var plan = NodeDiff.Compute(Desired(Want("web", grid: "other")), [], NoRestarts, Now);

        Assert.True(plan.IsEmpty);
    }

    [Theory]
    [InlineData(ContainerRunState.Running)]
    [InlineData(ContainerRunState.Restarting)]
    [InlineData(ContainerRunState.Paused)]
    [InlineData(ContainerRunState.Removing)]
    public void Leaves_a_desired_container_alone_while_it_is(ContainerRunState state)
    {
        var web1 = Want("web");

        var plan = NodeDiff.Compute(Desired(web1), [Has(web1.Name, state: state)], NoRestarts, Now);

        Assert.True(plan.IsEmpty);
    }

    [Theory]
    [InlineData(global::Satama.Core.Model.RestartPolicy.Always)]
    [InlineData(global::Satama.Core.Model.RestartPolicy.OnFailure)]
    [InlineData(global::Satama.Core.Model.RestartPolicy.No)]
    public void Starts_a_created_container_that_never_ran_whatever_the_policy(global::Satama.Core.Model.RestartPolicy policy)
    {
        var web1 = Want("web", restart: policy);

        var plan = NodeDiff.Compute(Desired(web1), [Has(web1.Name, state: ContainerRunState.Created)], NoRestarts, Now);

        var start = Assert.Single(plan.Actions);
        Assert.Equal(NodeActionKind.Start, start.Kind);
        Assert.Null(start.Restart);
    }
}
