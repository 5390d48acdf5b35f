using Satama.Core.Deploys;

namespace Satama.Core.Tests.Deploys;

public sealed class RolloutDriverTests
{
    [Fact]
    public void A_new_service_rolls_out_every_instance_and_records_the_create()
    {
        var sim = new DriverSim(DriverSim.Web(3));
        sim.RunUntilSettled();
        Assert.Equal(1, sim.State.Deployed?.Revision);
        var record = Assert.Single(sim.State.History);
        Assert.Equal((DeploymentKind.Create, DeploymentOutcome.Succeeded), (record.Kind, record.Outcome));
        Assert.Equal([1, 2, 3], sim.Running.Where(r => r.Revision == 1).Select(r => r.Slot).Order());
    }

    [Fact]
    public void A_create_waits_for_instances_no_node_can_run_yet_instead_of_succeeding_without_them()
    {
        var sim = new DriverSim(DriverSim.Web(3));
        sim.Unplace(2, 3);
        for (var i = 0; i < 30; i++)
        {
            sim.Step();
        }

        Assert.Contains("2 instances of 3 not placed yet", sim.State.Rollout?.Reason);
        Assert.Empty(sim.State.History);

        sim.PlaceAll();
        sim.RunUntilSettled();
        Assert.Equal(DeploymentOutcome.Succeeded, Assert.Single(sim.State.History).Outcome);
        Assert.Equal(3, sim.Running.Count());
    }

    public static TheoryData<int, double> Sizes()
    {
        var data = new TheoryData<int, double>();
        foreach (var n in new[] { 1, 2, 3, 4, 5, 6, 8 })
        {
            foreach (var minHealth in new[] { 0.0, 0.5, 0.8, 1.0 })
            {
                data.Add(n, minHealth);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Start_first_never_serves_fewer_than_min_health_and_ends_at_the_new_revision(int n, double minHealth)
    {
        var sim = Settled(DriverSim.Web(n, RolloutSpec.Default with { MinHealth = minHealth }));
        var from = sim.ServingSlots.Count;
        sim.Change(s => s with { Image = "web:2" });
        sim.RunUntilSettled();
        var floor = (int)Math.Ceiling((minHealth * n) - 1e-9);
        Assert.All(sim.ServingSlots.Skip(from), serving => Assert.True(serving >= floor, $"{serving} serving, floor {floor}"));
        Assert.All(sim.Running, r => Assert.Equal(2, r.Revision));
        Assert.Equal(n, sim.Running.Count());
        Assert.True(sim.MostPerSlot <= 2);
        Assert.Equal((DeploymentKind.Update, DeploymentOutcome.Succeeded, 2L, 1L),
            (sim.State.History[^1].Kind, sim.State.History[^1].Outcome, sim.State.History[^1].Revision, sim.State.History[^1].Previous));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Stop_first_never_runs_two_containers_of_a_slot_and_keeps_its_floor(int n, double minHealth)
    {
        var sim = Settled(DriverSim.Web(n, RolloutSpec.Default with { MinHealth = minHealth }, hostPort: true));
        var from = sim.ServingSlots.Count;
        sim.Change(s => s with { Image = "web:2" });
        sim.RunUntilSettled();
        var floor = Math.Min((int)Math.Ceiling((minHealth * n) - 1e-9), n - 1);
        Assert.All(sim.ServingSlots.Skip(from), serving => Assert.True(serving >= floor, $"{serving} serving, floor {floor}"));
        Assert.Equal(1, sim.MostPerSlot);
        Assert.All(sim.Running, r => Assert.Equal(2, r.Revision));
        Assert.Equal(DeploymentOutcome.Succeeded, sim.State.History[^1].Outcome);
    }

    [Fact]
    public void A_revision_that_never_gets_healthy_is_rolled_back_while_the_old_one_keeps_serving()
    {
        var sim = Settled(DriverSim.Web(4, RolloutSpec.Default with { HealthyDeadline = TimeSpan.FromSeconds(20) }));
        var from = sim.ServingSlots.Count;
        sim.Broken.Add(2);
        sim.Change(s => s with { Image = "web:broken" });
        sim.RunUntilSettled();

        Assert.Equal((1L, "web:1"), (sim.Spec.Revision, sim.Spec.Image));
        Assert.Equal(2, sim.State.HighestRevision);
        Assert.Equal(
            [(DeploymentKind.Create, DeploymentOutcome.Succeeded, 1L), (DeploymentKind.Update, DeploymentOutcome.Failed, 2L), (DeploymentKind.Rollback, DeploymentOutcome.Succeeded, 1L)],
            sim.State.History.Select(h => (h.Kind, h.Outcome, h.Revision)));
        Assert.Contains("web-1: not healthy within 20 s: HTTP 502 on /health", sim.State.History[1].Reason, StringComparison.Ordinal);
        Assert.Contains("had failed", sim.State.History[2].Reason, StringComparison.Ordinal);
        // Start-first: the old containers were kept, never replaced, and all four served throughout.
        Assert.DoesNotContain(sim.EverStopped, s => s.Revision == 1);
        Assert.All(sim.ServingSlots.Skip(from), serving => Assert.Equal(4, serving));
        Assert.Equal([1, 2, 3, 4], sim.Running.Select(r => r.Slot).Order());
        Assert.All(sim.Running, r => Assert.Equal(1, r.Revision));
    }

    [Fact]
    public void The_change_after_a_rollback_takes_a_revision_never_used()
    {
        var sim = Settled(DriverSim.Web(2, RolloutSpec.Default with { HealthyDeadline = TimeSpan.FromSeconds(10) }));
        sim.Broken.Add(2);
        sim.Change(s => s with { Image = "web:broken" });
        sim.RunUntilSettled();
        sim.Change(s => s with { Image = "web:3" });
        sim.RunUntilSettled();
        Assert.Equal(3, sim.Spec.Revision);
        Assert.All(sim.Running, r => Assert.Equal(3, r.Revision));
    }

    [Fact]
    public void Failure_action_pause_stops_where_it_is_and_keeps_the_old_containers()
    {
        var sim = Settled(DriverSim.Web(3, RolloutSpec.Default with { HealthyDeadline = TimeSpan.FromSeconds(10), FailureAction = FailureAction.Pause }));
        sim.Broken.Add(2);
        sim.Change(s => s with { Image = "web:broken" });
        sim.RunUntilSettled();
        var rollout = Assert.IsType<RolloutState>(sim.State.Rollout);
        Assert.True(rollout.Paused);
        Assert.StartsWith("paused (failure_action: pause): web-", rollout.Reason, StringComparison.Ordinal);
        Assert.Equal(2, sim.Spec.Revision);
        Assert.Equal(3, sim.Running.Count(r => r.Revision == 1));

        // The next revision supersedes the paused one, which is recorded as failed, and finishes.
        sim.Broken.Clear();
        sim.Change(s => s with { Image = "web:3" });
        sim.RunUntilSettled();
        Assert.Equal([DeploymentOutcome.Failed, DeploymentOutcome.Succeeded], sim.State.History.Skip(1).Select(h => h.Outcome));
        Assert.All(sim.Running, r => Assert.Equal(3, r.Revision));
    }

    [Fact]
    public void Failure_action_continue_neither_rolls_back_nor_pauses()
    {
        var sim = Settled(DriverSim.Web(3, RolloutSpec.Default with { HealthyDeadline = TimeSpan.FromSeconds(5), FailureAction = FailureAction.Continue }));
        sim.Broken.Add(2);
        sim.Change(s => s with { Image = "web:broken" });
        for (var i = 0; i < 60; i++)
        {
            sim.Step();
        }
        var rollout = Assert.IsType<RolloutState>(sim.State.Rollout);
        Assert.False(rollout.Paused);
        Assert.Equal(2, sim.Spec.Revision);
        Assert.StartsWith("web-", rollout.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revision_that_supersedes_a_create_in_flight_replaces_its_running_containers_start_first()
    {
        var sim = new DriverSim(DriverSim.Web(20));
        sim.SlotStartTicks[20] = 30;
        // The create has started every container and all but one are healthy, but it has not finished yet.
        for (var i = 0; i < 10; i++)
        {
            sim.Step();
        }
        Assert.Equal(19, sim.ServingSlots[^1]);
        Assert.NotNull(sim.State.Rollout);
        sim.Change(s => s with { Image = "web:2" });
        var servingFrom = sim.ServingSlots.Count;
        sim.RunUntilSettled();

        Assert.All(sim.Running, r => Assert.Equal(2, r.Revision));
        // No revision-1 container stopped before a replacement was healthy: the healthy slots never fell below the floor.
        Assert.All(sim.ServingSlots.Skip(servingFrom), n => Assert.True(n >= 16, $"{n} serving"));
        Assert.DoesNotContain(sim.Outcomes.Skip(servingFrom), o => o.Revert is not null);
        Assert.Equal(1, sim.EverStopped.Count(r => r is { Revision: 1, Slot: 1 }));
    }

    [Fact]
    public void A_newer_revision_takes_over_a_rollout_in_flight()
    {
        var sim = Settled(DriverSim.Web(6));
        sim.Change(s => s with { Image = "web:2" });
        for (var i = 0; i < 5; i++)
        {
            sim.Step();
        }
        Assert.Contains(sim.Running, r => r.Revision == 2);
        sim.Change(s => s with { Image = "web:3" });
        var from = sim.ServingSlots.Count;
        sim.RunUntilSettled();
        // Start-first throughout: the revision-2 containers are replaced, not stopped the moment revision 3 is stored.
        Assert.All(sim.ServingSlots.Skip(from), n => Assert.True(n >= 5, $"{n} serving"));
        Assert.Equal([DeploymentOutcome.Superseded, DeploymentOutcome.Succeeded], sim.State.History.Skip(1).Select(h => h.Outcome));
        Assert.Equal("superseded by revision 3", sim.State.History[1].Reason);
        Assert.All(sim.Running, r => Assert.Equal(3, r.Revision));
        Assert.Equal(6, sim.Running.Count());
    }

    [Fact]
    public void A_stopped_container_drains_out_of_service_before_it_stops()
    {
        var drain = TimeSpan.FromSeconds(4);
        var sim = Settled(DriverSim.Web(2, RolloutSpec.Default with { Drain = drain }));
        sim.Change(s => s with { Image = "web:2" });
        var drainingSeen = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < 200 && (sim.State.Rollout is not null || i == 0); i++)
        {
            sim.Step();
            foreach (var (name, until) in RolloutDesired.Draining(sim.Spec, sim.State))
            {
                drainingSeen.TryAdd(name, sim.Now);
                // Still desired, so still running, while it drains.
                Assert.Contains(sim.Running, r => name.EndsWith($"-{r.Slot}.r{r.Revision}", StringComparison.Ordinal) && r.Revision == 1);
                Assert.True(until > sim.Now - DriverSim.Tick - drain);
            }
        }
        Assert.Equal(["g.shop.web-1.r1", "g.shop.web-2.r1"], drainingSeen.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(RolloutDesired.Draining(sim.Spec, sim.State));
    }

    [Theory]
    [InlineData(RolloutOrder.StartFirst)]
    [InlineData(RolloutOrder.StopFirst)]
    public void A_container_leaves_the_serving_set_a_drain_before_it_stops_being_desired(RolloutOrder order)
    {
        var sim = Settled(DriverSim.Web(4, RolloutSpec.Default with { Order = order, Parallelism = 2 }));
        sim.Change(s => s with { Image = "web:2" });
        var serving = RolloutDesired.Serving(sim.Spec, sim.Assignments, sim.State);
        var everServed = new HashSet<string>(serving, StringComparer.Ordinal);
        for (var i = 0; i < 200 && (sim.State.Rollout is not null || i == 0); i++)
        {
            sim.Step();
            var desired = RolloutDesired.For(sim.Spec, sim.Assignments, sim.State)
                .Select(d => Core.Model.InstanceNames.Container("g", "shop", "web", d.Slot, d.Spec.Revision)).ToHashSet(StringComparer.Ordinal);
            // What served a tick ago is still there now: it leaves the routes while it drains, not when it stops.
            Assert.Subset(desired, serving.ToHashSet(StringComparer.Ordinal));
            serving = RolloutDesired.Serving(sim.Spec, sim.Assignments, sim.State);
            Assert.Subset(desired, serving.ToHashSet(StringComparer.Ordinal));
            Assert.DoesNotContain(serving, RolloutDesired.Draining(sim.Spec, sim.State).ContainsKey);
            everServed.UnionWith(serving);
        }
        Assert.Null(sim.State.Rollout);
        Assert.Equal(8, everServed.Count);
        Assert.All(serving, name => Assert.EndsWith(".r2", name, StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_drain_is_longer_for_a_service_the_load_balancer_routes_to_and_a_set_one_wins()
    {
        var web = DriverSim.Web(2);
        Assert.Equal(TimeSpan.FromSeconds(1), RolloutSpec.DrainOf(web));
        Assert.Equal(TimeSpan.FromSeconds(3), RolloutSpec.DrainOf(web with { Lb = new Core.Model.LbSpec() }));
        Assert.Equal(TimeSpan.Zero, RolloutSpec.DrainOf(web with { Lb = new Core.Model.LbSpec(), Rollout = RolloutSpec.Default with { Drain = TimeSpan.Zero } }));
    }

    [Fact]
    public void Batches_wait_the_interval_between_them()
    {
        var sim = Settled(DriverSim.Web(3, RolloutSpec.Default with { Parallelism = 1, Interval = TimeSpan.FromSeconds(10) }));
        sim.Change(s => s with { Image = "web:2" });
        sim.RunUntilSettled();
        var started = sim.Created.Where(c => c.Key.Revision == 2).Select(c => c.Value).Order().ToList();
        Assert.Equal(3, started.Count);
        Assert.All(started.Zip(started.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Scaling_down_during_a_rollout_forgets_the_slots_that_went()
    {
        var sim = Settled(DriverSim.Web(6));
        sim.Change(s => s with { Image = "web:2" });
        for (var i = 0; i < 4; i++)
        {
            sim.Step();
        }
        sim.Scale(2);
        sim.RunUntilSettled();
        Assert.Equal([(1, 2L), (2, 2L)], sim.Running.Select(r => (r.Slot, r.Revision)).Order());
    }

    [Fact]
    public void Scaling_a_settled_service_is_no_rollout()
    {
        var sim = Settled(DriverSim.Web(2));
        sim.Scale(4);
        sim.Step();
        Assert.Null(sim.State.Rollout);
        Assert.Equal(4, sim.State.Deployed?.Instances);
        Assert.Single(sim.State.History);
    }

    [Fact]
    public void History_keeps_the_last_twenty()
    {
        var sim = Settled(DriverSim.Web(1, RolloutSpec.Default with { Drain = TimeSpan.Zero }));
        for (var i = 0; i < 25; i++)
        {
            sim.Change(s => s with { Image = $"web:{i}" });
            sim.RunUntilSettled();
        }
        Assert.Equal(DeploymentState.HistoryLimit, sim.State.History.Count);
        Assert.Equal(sim.Spec.Revision, sim.State.History[^1].Revision);
    }

    private static DriverSim Settled(Core.Model.ServiceSpec spec)
    {
        var sim = new DriverSim(spec);
        sim.RunUntilSettled();
        return sim;
    }
}
