using Satama.Core.Deploys;
using Satama.Core.Model;

namespace Satama.Core.Tests.Deploys;

/// <summary>
/// An in-memory service: applies the planner's steps, lets time pass, and turns new instances
/// healthy after a seeded delay (or unhealthy, for a broken revision). Records every step.
/// </summary>
internal sealed class RolloutHarness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    private readonly Random _random;
    private readonly Dictionary<RolloutInstanceRef, int> _ticksToHealthy = [];

    public RolloutHarness(int instances, long from, int seed, int unhealthyOld = 0)
    {
        _random = new Random(seed);
        Instances = [.. Enumerable.Range(1, instances).Select(n => new RolloutInstanceView(n, "n1", from, true, n <= unhealthyOld ? InstanceHealth.Unhealthy : InstanceHealth.Healthy, CreatedAt: Start, HealthSince: Start))];
    }

    public List<RolloutInstanceView> Instances { get; private set; }
    public DateTimeOffset Now { get; private set; } = Start;
    public List<RolloutStep> Steps { get; } = [];
    /// <summary>Revisions that never pass their health check.</summary>
    public HashSet<long> Broken { get; } = [];
    public int MaxDelayTicks { get; init; } = 3;

    public int HealthySlots(int n) => Instances.Where(i => i.IsHealthy && i.Number <= n).Select(i => i.Number).Distinct().Count();

    /// <summary>Runs the planner until done or failed (or a step budget runs out), checking after each step.</summary>
    public RolloutStep Run(RolloutRequest template, Action<RolloutRequest, RolloutStep, RolloutHarness>? check = null, int maxSteps = 500)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            var request = template with { Existing = [.. Instances], Now = Now };
            var step = RolloutPlanner.Next(request);
            Steps.Add(step);
            if (step.Kind is RolloutStepKind.Done or RolloutStepKind.Failed)
            {
                return step;
            }
            if (step.Kind == RolloutStepKind.Proceed)
            {
                check?.Invoke(request, step, this);
                Apply(step, template.TargetRevision);
            }
            Advance();
        }
        throw new InvalidOperationException($"no end after {maxSteps} steps; last: {Steps[^1]}");
    }

    public void Apply(RolloutStep step, long revision)
    {
        Instances.RemoveAll(i => step.Stop.Contains(i.Ref));
        foreach (var number in step.Start)
        {
            var created = new RolloutInstanceView(number, "n1", revision, true, InstanceHealth.Starting, CreatedAt: Now, HealthSince: Now);
            Instances.Add(created);
            _ticksToHealthy[created.Ref] = _random.Next(0, MaxDelayTicks + 1);
        }
    }

    private void Advance()
    {
        Now += Tick;
        Instances = [.. Instances.Select(Age)];
    }

    private RolloutInstanceView Age(RolloutInstanceView instance)
    {
        if (instance.Health != InstanceHealth.Starting || !_ticksToHealthy.TryGetValue(instance.Ref, out var left))
        {
            return instance;
        }
        if (left > 0)
        {
            _ticksToHealthy[instance.Ref] = left - 1;
            return instance;
        }
        return Broken.Contains(instance.Revision)
            ? instance with { Health = InstanceHealth.Unhealthy, HealthDetail = "HTTP 502 on /health", HealthSince = Now }
            : instance with { Health = InstanceHealth.Healthy, HealthSince = Now };
    }
}
