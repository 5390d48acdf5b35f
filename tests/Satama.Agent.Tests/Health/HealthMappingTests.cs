using Satama.Agent.Health;
using Satama.Agent.MasterLink;
using Satama.Agent.Reconciler;
using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Protocol;

namespace Satama.Agent.Tests.Health;

public sealed class HealthMappingTests
{
    [Fact]
    public void A_wire_check_maps_with_defaults_for_unset_fields()
    {
        var wire = new Protocol.HealthCheck { Type = "http", Port = 8080, IntervalMs = 1500 };

        var check = HealthMapping.ToCheck(wire);

        Assert.Equal(HealthCheckType.Http, check.Type);
        Assert.Equal(8080, check.Port);
        Assert.Equal("/", check.Path);
        Assert.Equal((200, 399), (check.ExpectedStatusMin, check.ExpectedStatusMax));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), check.Interval);
        Assert.Equal(Core.Model.HealthCheck.DefaultTimeout, check.Timeout);
        Assert.Equal(3, check.Retries);
        Assert.Equal(TimeSpan.Zero, check.StartPeriod);
    }

    [Fact]
    public void A_desired_container_with_a_check_carries_it_and_one_without_has_none()
    {
        var with = new DesiredContainer { Name = "g.s.web-1", Grid = "g", Service = "web", Image = "x", SpecHash = "h", HealthCheck = new Protocol.HealthCheck { Type = "command", Command = { "true" } } };
        var without = new DesiredContainer { Name = "g.s.web-2", Grid = "g", Service = "web", Image = "x", SpecHash = "h" };

        var view = ProtocolMapping.ToView(new DesiredSet { Containers = { with, without } }, "g", "n1");

        Assert.Equal(HealthCheckType.Command, view.Containers[0].Health?.Type);
        Assert.Equal(["true"], view.Containers[0].Health?.Command);
        Assert.Null(view.Containers[1].Health);
    }

    [Fact]
    public void A_report_carries_the_health_of_running_containers_only()
    {
        var since = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var running = new ActualContainerView { Name = "a", State = ContainerRunState.Running };
        var exited = new ActualContainerView { Name = "b", State = ContainerRunState.Exited };
        var report = new NodeReport(3, [new ReportedContainer("a", running, null, 0, ""), new ReportedContainer("b", exited, null, 0, "")]);
        var health = new HealthStatus(InstanceHealth.Healthy, "", since);

        var wire = ProtocolMapping.ToReport(report, _ => health);

        Assert.Equal(("healthy", since.ToUnixTimeMilliseconds()), (wire.Containers[0].Health, wire.Containers[0].HealthySinceUnixMs));
        Assert.Equal(("none", 0L), (wire.Containers[1].Health, wire.Containers[1].HealthySinceUnixMs));
        Assert.Equal("none", ProtocolMapping.ToReport(report).Containers[0].Health);
    }
}
