using Satama.Core.Model;
using Satama.Core.Reconciling;
using static Satama.Core.Tests.Reconciling.NodeDiffBuilder;

namespace Satama.Core.Tests.Reconciling;

/// <summary>Seeded random starting states: every one converges, and a converged node plans nothing.</summary>
public sealed class NodeDiffConvergenceTests
{
    private static readonly ContainerRunState[] s_states = Enum.GetValues<ContainerRunState>();
    private static readonly RestartPolicy[] s_policies = Enum.GetValues<RestartPolicy>();

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 300; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Converges_from_any_starting_state_and_then_plans_nothing(int seed)
    {
        var random = new Random(seed);
        var desired = RandomDesired(random);
        var actual = RandomActual(random, desired);
        var foreign = actual.Where(a => a.Grid != Grid || a.Node != Node).ToList();
        var restarts = new Dictionary<string, RestartRecord>();
        var now = Now;

        for (var round = 0; round < 4; round++)
        {
            var plan = NodeDiff.Compute(desired, actual, restarts, now);
            Assert.All(plan.Actions, a => Assert.DoesNotContain(foreign, f => f.Name == a.Name && a.Kind != NodeActionKind.Create));
            actual = Apply(actual, plan, restarts, Node, now);
            now += TimeSpan.FromSeconds(31);
        }

        var final = NodeDiff.Compute(desired, actual, restarts, now);
        Assert.True(final.IsEmpty, string.Join("; ", final.Actions));
        Assert.Null(final.WakeAt);
        Assert.Equal(foreign, actual.Where(a => a.Grid != Grid || a.Node != Node));
        AssertConverged(desired, actual, foreign);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Applying_a_plan_then_computing_again_at_the_same_time_yields_nothing_but_held_back_restarts(int seed)
    {
        var random = new Random(seed);
        var desired = RandomDesired(random);
        var actual = RandomActual(random, desired);
        var restarts = new Dictionary<string, RestartRecord>();

        var plan = NodeDiff.Compute(desired, actual, restarts, Now);
        var after = Apply(actual, plan, restarts, Node, Now);
        var again = NodeDiff.Compute(desired, after, restarts, Now);

        Assert.True(again.IsEmpty, string.Join("; ", again.Actions));
    }

    private static void AssertConverged(DesiredNodeView desired, List<ActualContainerView> actual, List<ActualContainerView> foreign)
    {
        var own = actual.Where(a => a.Grid == Grid && a.Node == Node).ToList();
        Assert.Equal(own.Count, own.Select(a => a.Name).Distinct().Count());
        foreach (var container in own)
        {
            var spec = desired.Containers.SingleOrDefault(d => d.Name == container.Name && d.Grid == Grid);
            Assert.NotNull(spec);
            Assert.Equal(spec.SpecHash, container.SpecHash);
            if (container.State == ContainerRunState.Exited)
            {
                Assert.True(spec.Restart == RestartPolicy.No || (spec.Restart == RestartPolicy.OnFailure && container.ExitCode == 0));
            }
        }
        foreach (var spec in desired.Containers.Where(d => d.Grid == Grid))
        {
            Assert.True(own.Any(a => a.Name == spec.Name) || foreign.Any(f => f.Name == spec.Name), $"{spec.Name} missing");
        }
    }

    private static DesiredNodeView RandomDesired(Random random)
    {
        var containers = new List<DesiredContainerView>();
        var count = random.Next(0, 6);
        for (var i = 1; i <= count; i++)
        {
            containers.Add(Want(
                random.Next(3) == 0 ? "db" : "web",
                random.Next(1, 4),
                hash: "h" + random.Next(2),
                restart: s_policies[random.Next(s_policies.Length)],
                grid: random.Next(10) == 0 ? "other" : Grid));
        }
        // Names are unique in a desired set (the master derives them from grid, stack, service, instance).
        return Desired([.. containers.DistinctBy(c => c.Name)]);
    }

    private static List<ActualContainerView> RandomActual(Random random, DesiredNodeView desired)
    {
        var names = desired.Containers.Select(d => d.Name).Concat(["prod.null.old-1", "prod.null.web-9", "other.null.web-1"]).Distinct().ToList();
        var actual = new List<ActualContainerView>();
        foreach (var name in names)
        {
            if (random.Next(3) == 0)
            {
                continue;
            }
            var (grid, node) = random.Next(8) switch
            {
                0 => ("other", Node),
                1 => (Grid, "node-2"),
                2 => ((string?)null, (string?)null),
                _ => (Grid, Node),
            };
            var state = s_states[random.Next(s_states.Length)];
            var started = random.Next(4) == 0 ? (DateTimeOffset?)null : Now.AddSeconds(-random.Next(1, 300));
            actual.Add(new ActualContainerView
            {
                Name = name,
                Grid = grid,
                Node = node,
                SpecHash = grid is null ? null : "h" + random.Next(2),
                State = state,
                ExitCode = random.Next(3) == 0 ? 0 : 1,
                StartedAt = started,
                FinishedAt = state is ContainerRunState.Exited or ContainerRunState.Dead && started is { } s ? s.AddSeconds(random.Next(0, 120)) : null,
            });
        }
        return actual;
    }
}
