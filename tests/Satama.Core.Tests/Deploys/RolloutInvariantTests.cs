using CsCheck;
using Satama.Core.Deploys;

namespace Satama.Core.Tests.Deploys;

/// <summary>Every plan, to the end, over all small shapes and seeded random ones.</summary>
public sealed class RolloutInvariantTests
{
    public static TheoryData<int, double, int, RolloutOrder> Shapes()
    {
        var data = new TheoryData<int, double, int, RolloutOrder>();
        foreach (var n in new[] { 0, 1, 2, 3, 4, 5, 6, 8, 10, 13 })
        {
            foreach (var minHealth in new[] { 0.0, 0.5, 0.8, 1.0 })
            {
                foreach (var parallelism in new[] { 0, 1, 3 })
                {
                    data.Add(n, minHealth, parallelism, RolloutOrder.StartFirst);
                    data.Add(n, minHealth, parallelism, RolloutOrder.StopFirst);
                }
            }
        }
        return data;
    }

    private static RolloutRequest Template(int n, double minHealth, int parallelism, RolloutOrder order) => new()
    {
        Service = "web",
        Instances = n,
        TargetRevision = 2,
        PreviousRevision = 1,
        Existing = [],
        Now = RolloutHarness.Start,
        Order = order,
        MinHealth = minHealth,
        Parallelism = parallelism == 0 ? null : parallelism,
        HealthyDeadline = TimeSpan.FromSeconds(60),
    };

    /// <summary>The invariants every applied step must keep.</summary>
    private static void Check(RolloutRequest request, RolloutStep step, RolloutHarness harness)
    {
        var before = harness.HealthySlots(request.Instances);
        var after = request.Existing.Where(i => i.IsHealthy && i.Number <= request.Instances && !step.Stop.Contains(i.Ref)).Select(i => i.Number).Distinct().Count();
        Assert.True(after >= Math.Min(request.Floor, before), $"healthy {before} -> {after} below floor {request.Floor}: {step}");
        Assert.True(request.Order == RolloutOrder.StopFirst || request.Floor >= request.RequiredHealthy);
        Assert.True(request.Floor >= Math.Min(request.RequiredHealthy, request.Instances - 1));
        if (request.Order == RolloutOrder.StartFirst)
        {
            foreach (var stopped in step.Stop.Where(s => s.Revision != request.TargetRevision))
            {
                Assert.Contains(request.Existing, i => i.Number == stopped.Number && i.Revision == request.TargetRevision && i.IsHealthy);
            }
        }
        Assert.DoesNotContain(step.Stop, s => s.Revision == request.TargetRevision);
        var inFlight = request.Existing.Count(i => i.Revision == request.TargetRevision && !i.IsHealthy) + step.Start.Count;
        var emptySlots = Enumerable.Range(1, request.Instances).Count(n => !request.Existing.Any(i => i.Number == n));
        Assert.True(inFlight <= Math.Max(request.BatchSize, emptySlots) + emptySlots, $"{inFlight} in flight, batch {request.BatchSize}: {step}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_plan_keeps_min_health_and_ends_done(int n, double minHealth, int parallelism, RolloutOrder order)
    {
        for (var seed = 1; seed <= 5; seed++)
        {
            var harness = new RolloutHarness(n, from: 1, seed);

            var end = harness.Run(Template(n, minHealth, parallelism, order), Check);

            Assert.Equal(RolloutStepKind.Done, end.Kind);
            Assert.All(harness.Instances, i => Assert.Equal(2, i.Revision));
            Assert.Equal(n, harness.Instances.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_failing_revision_ends_in_rollback_and_the_rollback_completes(int n, double minHealth, int parallelism, RolloutOrder order)
    {
        if (n == 0)
        {
            return;
        }
        var harness = new RolloutHarness(n, from: 1, seed: n) { Broken = { 2 } };

        var end = harness.Run(Template(n, minHealth, parallelism, order), Check);

        Assert.Equal(RolloutStepKind.Failed, end.Kind);
        Assert.Equal(1, end.RollbackRevision);
        Assert.Contains("HTTP 502 on /health", end.Reason);
        Assert.True(harness.HealthySlots(n) >= (order == RolloutOrder.StartFirst ? n : Math.Min(Template(n, minHealth, parallelism, order).Floor, n)));

        var back = harness.Run(Template(n, minHealth, parallelism, order) with { TargetRevision = 1, PreviousRevision = 2 }, Check);

        Assert.Equal(RolloutStepKind.Done, back.Kind);
        Assert.All(harness.Instances, i => Assert.Equal(1, i.Revision));
    }

    [Theory]
    [InlineData(RolloutOrder.StartFirst)]
    [InlineData(RolloutOrder.StopFirst)]
    public void Some_old_instances_already_unhealthy_never_block_the_rollout(RolloutOrder order)
    {
        for (var unhealthy = 0; unhealthy <= 6; unhealthy++)
        {
            var harness = new RolloutHarness(6, from: 1, seed: unhealthy, unhealthyOld: unhealthy);

            var end = harness.Run(Template(6, 0.8, 0, order), Check);

            Assert.Equal(RolloutStepKind.Done, end.Kind);
        }
    }

    [Fact]
    public void Random_shapes_keep_every_invariant()
    {
        var shapes =
            from n in Gen.Int[0, 30]
            from minHealth in Gen.Double[0, 1]
            from parallelism in Gen.Int[0, 6]
            from startFirst in Gen.Bool
            from unhealthy in Gen.Int[0, 3]
            from seed in Gen.Int[1, 10_000]
            from delay in Gen.Int[0, 8]
            select (n, minHealth, parallelism, order: startFirst ? RolloutOrder.StartFirst : RolloutOrder.StopFirst, unhealthy, seed, delay);

        shapes.Sample(s =>
        {
            var harness = new RolloutHarness(s.n, from: 1, s.seed, unhealthyOld: s.unhealthy) { MaxDelayTicks = s.delay };
            var end = harness.Run(Template(s.n, s.minHealth, s.parallelism, s.order), Check, maxSteps: 2000);
            Assert.Equal(RolloutStepKind.Done, end.Kind);
        }, iter: 300);
    }
}
