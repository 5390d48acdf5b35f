using Satama.Core.Deploys;
using Satama.Core.Model;
using static Satama.Core.Tests.Deploys.RolloutHarness;

namespace Satama.Core.Tests.Deploys;

public sealed class RolloutPlannerTests
{
    private static RolloutRequest Request(int instances, RolloutOrder order, params RolloutInstanceView[] existing) => new()
    {
        Service = "web",
        Instances = instances,
        TargetRevision = 2,
        PreviousRevision = 1,
        Existing = existing,
        Now = Start,
        Order = order,
    };

    private static RolloutInstanceView Old(int number, bool healthy = true) =>
        new(number, "n1", 1, true, healthy ? InstanceHealth.Healthy : InstanceHealth.Unhealthy, CreatedAt: Start, HealthSince: Start);

    private static RolloutInstanceView New(int number, InstanceHealth health, string? detail = null, DateTimeOffset? since = null) =>
        new(number, "n1", 2, true, health, detail, since ?? Start, since ?? Start);

    [Fact]
    public void Start_first_starts_a_batch_beside_the_old_instances_and_stops_none()
    {
        var step = RolloutPlanner.Next(Request(10, RolloutOrder.StartFirst, [.. Enumerable.Range(1, 10).Select(n => Old(n))]));

        Assert.Equal(RolloutStepKind.Proceed, step.Kind);
        Assert.Empty(step.Stop);
        Assert.Equal([1, 2], step.Start);
    }

    [Fact]
    public void Start_first_stops_an_old_instance_once_its_replacement_is_healthy()
    {
        var step = RolloutPlanner.Next(Request(3, RolloutOrder.StartFirst, Old(1), Old(2), Old(3), New(1, InstanceHealth.Healthy)));

        Assert.Contains(new RolloutInstanceRef(1, 1), step.Stop);
        Assert.DoesNotContain(step.Stop, s => s.Number != 1);
    }

    [Fact]
    public void Stop_first_replaces_within_the_budget_and_takes_unhealthy_instances_first()
    {
        var step = RolloutPlanner.Next(Request(10, RolloutOrder.StopFirst, [.. Enumerable.Range(1, 10).Select(n => Old(n, healthy: n != 7))]));

        Assert.Equal(RolloutStepKind.Proceed, step.Kind);
        Assert.Contains(7, step.Start);
        Assert.Equal(step.Start.Order(), step.Stop.Select(s => s.Number).Order());
        Assert.Equal(2, step.Start.Count);
    }

    [Fact]
    public void Stop_first_with_one_instance_replaces_it()
    {
        var step = RolloutPlanner.Next(Request(1, RolloutOrder.StopFirst, Old(1)));

        Assert.Equal([new RolloutInstanceRef(1, 1)], step.Stop);
        Assert.Equal([1], step.Start);
    }

    [Fact]
    public void A_waiting_rollout_says_what_it_waits_for()
    {
        var failingSince = Start - TimeSpan.FromSeconds(40);
        var request = Request(3, RolloutOrder.StartFirst, Old(1), Old(2), Old(3), New(3, InstanceHealth.Unhealthy, "HTTP 502 on /health", failingSince)) with
        {
            Parallelism = 1,
        };

        var step = RolloutPlanner.Next(request);

        Assert.Equal(RolloutStepKind.Wait, step.Kind);
        Assert.Equal("web-3: health check failing for 40 s: HTTP 502 on /health", step.Reason);
    }

    [Fact]
    public void A_starting_instance_is_waited_for()
    {
        var request = Request(1, RolloutOrder.StartFirst, Old(1), New(1, InstanceHealth.Starting, "connection refused on :8080", Start - TimeSpan.FromSeconds(3)));

        var step = RolloutPlanner.Next(request);

        Assert.Equal("web-1: starting for 3 s: connection refused on :8080", step.Reason);
    }

    [Fact]
    public void A_new_instance_past_its_deadline_fails_the_rollout_with_the_previous_revision()
    {
        var created = Start - TimeSpan.FromMinutes(3);
        var request = Request(2, RolloutOrder.StartFirst, Old(1), Old(2), New(1, InstanceHealth.Unhealthy, "HTTP 502 on /health", created));

        var step = RolloutPlanner.Next(request);

        Assert.Equal(RolloutStepKind.Failed, step.Kind);
        Assert.Equal(1, step.RollbackRevision);
        Assert.Equal("web-1: not healthy within 120 s: HTTP 502 on /health", step.Reason);
    }

    [Fact]
    public void All_new_and_healthy_is_done_and_an_old_leftover_is_not()
    {
        Assert.Equal(RolloutStepKind.Done, RolloutPlanner.Next(Request(2, RolloutOrder.StartFirst, New(1, InstanceHealth.Healthy), New(2, InstanceHealth.Healthy))).Kind);

        var leftover = RolloutPlanner.Next(Request(2, RolloutOrder.StartFirst, New(1, InstanceHealth.Healthy), New(2, InstanceHealth.Healthy), Old(2)));

        Assert.Equal([new RolloutInstanceRef(2, 1)], leftover.Stop);
    }

    [Fact]
    public void Zero_instances_is_done_at_once() =>
        Assert.Equal(RolloutStepKind.Done, RolloutPlanner.Next(Request(0, RolloutOrder.StopFirst)).Kind);

    [Fact]
    public void Empty_slots_are_filled_without_waiting_for_the_batch()
    {
        var step = RolloutPlanner.Next(Request(4, RolloutOrder.StartFirst, Old(1)) with { Parallelism = 1 });

        Assert.Equal([2, 3, 4], step.Start.Order());
    }

    [Theory]
    [InlineData(10, 0.8, 8, 2)]
    [InlineData(20, 0.8, 16, 4)]
    [InlineData(3, 0.8, 3, 1)]
    [InlineData(5, 0.5, 3, 2)]
    [InlineData(4, 0.0, 0, 4)]
    public void Required_and_batch_follow_min_health(int n, double minHealth, int required, int batch)
    {
        var request = Request(n, RolloutOrder.StartFirst) with { MinHealth = minHealth };

        Assert.Equal(required, request.RequiredHealthy);
        Assert.Equal(batch, request.BatchSize);
    }

    [Fact]
    public void Order_is_stop_first_only_with_a_fixed_host_port_or_a_named_volume_written_to()
    {
        var spec = new ServiceSpec { Grid = "g", Name = "web", Image = "nginx" };

        Assert.Equal(RolloutOrder.StartFirst, RolloutOrders.For(spec));
        Assert.Equal(RolloutOrder.StopFirst, RolloutOrders.For(spec with { Ports = [new PortMapping(8080, 80)] }));
        var named = new MountSpec { Type = MountType.Volume, Target = "/data", VolumeName = "g.s.data" };
        Assert.Equal(RolloutOrder.StopFirst, RolloutOrders.For(spec with { Mounts = [named] }));
        Assert.Equal(RolloutOrder.StartFirst, RolloutOrders.For(spec with { Mounts = [named with { ReadOnly = true }, new MountSpec { Type = MountType.Volume, Target = "/cache" }] }));
    }
}
