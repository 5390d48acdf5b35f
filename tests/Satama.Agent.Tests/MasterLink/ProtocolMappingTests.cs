using Satama.Agent.MasterLink;
using Satama.Agent.Reconciler;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Protocol;

namespace Satama.Agent.Tests.MasterLink;

public sealed class ProtocolMappingTests
{
    [Fact]
    public void A_desired_container_maps_every_field()
    {
        var wire = new DesiredContainer
        {
            Name = "prod.shop.web-1",
            Grid = "prod",
            Stack = "shop",
            Service = "web",
            Instance = 1,
            Revision = 4,
            Image = "x:1",
            Command = { "a", "b" },
            Env = { ["K"] = "V" },
            Ports = { new PortBinding { HostPort = 8080, ContainerPort = 80 } },
            RestartPolicy = "on-failure",
            Labels = { ["team"] = "blue" },
            SpecHash = "h",
        };

        var view = ProtocolMapping.ToView(new DesiredSet { Version = 9, Containers = { wire } }, "prod", "n1");

        Assert.Equal(("prod", "n1", 9ul), (view.Grid, view.Node, view.Version));
        var c = Assert.Single(view.Containers);
        Assert.Equal(("prod.shop.web-1", "shop", "web", 1, 4L, "x:1", "h"), (c.Name, c.Stack, c.Service, c.Instance, c.Revision, c.Image, c.SpecHash));
        Assert.Equal(["a", "b"], c.Command);
        Assert.Equal("V", c.Env["K"]);
        Assert.Equal(new PortBindingView(8080, 80, "tcp", ""), Assert.Single(c.Ports));
        Assert.Equal(RestartPolicy.OnFailure, c.Restart);
        Assert.Equal("blue", c.Labels["team"]);
    }

    [Fact]
    public void A_desired_container_without_stack_or_policy_gets_the_defaults()
    {
        var c = ProtocolMapping.ToView(new DesiredContainer { Name = "g.null.w-1", Grid = "g", Service = "w", Image = "x", SpecHash = "h" });

        Assert.Equal(Names.NullStack, c.Stack);
        Assert.Equal(RestartPolicy.Always, c.Restart);
    }

    [Fact]
    public void A_missing_container_is_reported_from_its_desired_spec_with_the_error()
    {
        var desired = new DesiredContainerView { Name = "g.null.w-1", Grid = "g", Service = "w", Instance = 1, Revision = 2, Image = "x", SpecHash = "h" };

        var state = ProtocolMapping.ToState(new ReportedContainer(desired.Name, null, desired, 0, "image x not found"));

        Assert.Equal(("missing", "g", "null", "w", 1, 2L, "image x not found"), (state.State, state.Grid, state.Stack, state.Service, state.Instance, state.Revision, state.Error));
    }

    [Fact]
    public void A_found_container_is_reported_from_its_labels_and_engine_state()
    {
        var actual = new ActualContainerView
        {
            Name = "g.s.w-3",
            Id = "abc",
            Grid = "g",
            State = ContainerRunState.Running,
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(1000),
            Image = "x",
            IpAddress = "172.17.0.2",
            Labels = new Dictionary<string, string> { [SatamaLabels.Stack] = "s", [SatamaLabels.Service] = "w", [SatamaLabels.Instance] = "3", [SatamaLabels.Revision] = "5" },
        };

        var state = ProtocolMapping.ToState(new ReportedContainer(actual.Name, actual, null, 2, ""));

        Assert.Equal(("running", "abc", "s", "w", 3, 5L, 2, 1000L, "172.17.0.2"), (state.State, state.ContainerId, state.Stack, state.Service, state.Instance, state.Revision, state.RestartCount, state.StartedUnixMs, state.IpAddress));
    }
}
