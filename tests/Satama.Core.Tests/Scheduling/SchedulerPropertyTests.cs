using CsCheck;
using Satama.Core.Model;
using Satama.Core.Scheduling;
using static Satama.Core.Tests.Scheduling.Harness.NodeBuilder;

namespace Satama.Core.Tests.Scheduling;

/// <summary>Invariants over random grids, services and seeds (CsCheck prints the failing case's seed).</summary>
public sealed class SchedulerPropertyTests
{
    /// <summary>A random grid: size (sometimes past the full-scan limit), zones, offline nodes, labels, capacities.</summary>
    private sealed record Case(int Nodes, int Zones, int Seed, PlacementStrategy Strategy, int Instances, int More, bool Ports, bool Rule, bool Reserve, bool SelfAnti)
    {
        public Harness Grid()
        {
            var random = new Random(Seed);
            var grid = new Harness { Seed = (ulong)Seed };
            grid.AddMany(Nodes, shape: (i, n) =>
            {
                n = n.Zone($"z{i % Zones}", $"r{i % Zones % 2}");
                n = random.Next(5) == 0 ? n.Offline() : n;
                n = random.Next(2) == 0 ? n.Label("ssd", "1") : n;
                return random.Next(3) == 0 ? n.Cpus(random.Next(1, 5)).Memory(random.Next(1, 9) * GiB) : n;
            });
            // Another service already holds resources, ports and names on some nodes.
            grid.Run(Harness.Service("other", Math.Min(Nodes, 5), p => p with { Cpus = 1, MemoryBytes = 1 * GiB }, "8080:8080"));
            return grid;
        }

        public ServiceSpec Service(int instances) => Harness.Service("web", instances, p => p with
        {
            Strategy = Strategy,
            Affinity = [.. Rule ? new[] { "label==ssd" } : [], .. SelfAnti ? new[] { "service!=web" } : []],
            Cpus = Reserve ? 0.5 : 0,
            MemoryBytes = Reserve ? 1 * GiB : 0,
        }, Ports ? ["8080:80"] : []);
    }

    private static readonly Gen<Case> s_cases =
        Gen.Select(Gen.Int[0, 12], Gen.Int[1, 4], Gen.Int[0, 1_000_000], Gen.Enum<PlacementStrategy>(), Gen.Int[0, 30], Gen.Int[0, 10], Gen.Bool)
            .SelectMany(t => Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 9], (rule, reserve, anti, large) =>
                new Case(large == 0 ? t.Item1 * 15 + 65 : t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, rule, reserve, anti)));

    [Fact]
    public void Scale_up_never_moves_a_placed_instance()
    {
        s_cases.Sample(c =>
        {
            var grid = c.Grid();
            var before = grid.Run(c.Service(c.Instances));

            var after = grid.Plan(c.Service(c.Instances + c.More));

            foreach (var kept in before.Assignments)
            {
                Assert.Equal(kept.Node, after.NodeOf(kept.Instance));
            }
            Assert.Empty(after.Removed);
            Assert.Empty(after.Moved);
        }, iter: 300);
    }

    [Fact]
    public void Every_instance_is_placed_on_a_feasible_node_or_explained()
    {
        s_cases.Sample(c =>
        {
            var grid = c.Grid();
            var service = c.Service(c.Instances);

            var plan = grid.Run(service);

            var nodes = grid.Nodes.ToDictionary(n => n.Name);
            foreach (var placed in plan.Placed)
            {
                var node = nodes[placed.Node];
                Assert.True(node.Online);
                Assert.True(!c.Rule || node.Labels.ContainsKey("ssd"));
            }
            foreach (var group in grid.Existing().GroupBy(e => e.Node))
            {
                var node = nodes[group.Key];
                Assert.True(node.Cpus == 0 || group.Sum(e => e.Cpus) <= node.Cpus + 1e-9);
                Assert.True(node.MemoryBytes == 0 || group.Sum(e => e.MemoryBytes) <= node.MemoryBytes);
                Assert.True(group.SelectMany(e => e.Ports).GroupBy(p => (p.HostPort, p.Protocol)).All(p => p.Count() == 1));
                Assert.True(!c.SelfAnti || group.Count(e => e.Service == "web") <= 1);
            }
            Assert.All(plan.Unplaced, u => Assert.False(string.IsNullOrWhiteSpace(u.Reason)));
            if (c.Strategy != PlacementStrategy.Daemon)
            {
                var covered = plan.Assignments.Select(a => a.Instance).Concat(plan.Unplaced.Select(u => u.Instance)).Order();
                Assert.Equal(Enumerable.Range(1, c.Instances), covered);
            }
            else
            {
                Assert.Equal(plan.Assignments.Count, plan.Assignments.Select(a => a.Instance).Distinct().Count());
                Assert.True(plan.Assignments.GroupBy(a => a.Node).All(g => g.Count() <= c.Instances));
            }
        }, iter: 300);
    }

    [Fact]
    public void A_plan_is_a_function_of_its_request_whatever_the_input_order()
    {
        s_cases.Sample(c =>
        {
            var grid = c.Grid();
            grid.Run(c.Service(c.Instances));
            var request = grid.Request(c.Service(c.Instances + c.More));
            var shuffle = new Random(c.Seed + 1);

            var first = InstancePlacer.Plan(request);
            var second = InstancePlacer.Plan(request with
            {
                Nodes = [.. request.Nodes.OrderBy(_ => shuffle.Next())],
                Existing = [.. request.Existing.OrderBy(_ => shuffle.Next())],
            });

            Assert.Equal(first.Assignments, second.Assignments);
            Assert.Equal(first.Unplaced.Select(u => (u.Instance, u.Reason)), second.Unplaced.Select(u => (u.Instance, u.Reason)));
        }, iter: 200);
    }

    [Fact]
    public void Applying_a_plan_and_planning_again_changes_nothing()
    {
        s_cases.Sample(c =>
        {
            var grid = c.Grid();
            grid.Run(c.Service(c.Instances));

            var before = grid.Layout(c.Service(c.Instances));

            var again = grid.Plan(c.Service(c.Instances));

            Assert.Empty(again.Placed);
            Assert.Empty(again.Removed);
            Assert.Empty(again.Moved);
            Assert.Equal(before, string.Join(" ", again.Assignments.Select(a => $"{a.Instance}@{a.Node}")));
        }, iter: 200);
    }
}
