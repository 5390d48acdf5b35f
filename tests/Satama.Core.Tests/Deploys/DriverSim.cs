using Satama.Core.Deploys;
using Satama.Core.Model;

namespace Satama.Core.Tests.Deploys;

/// <summary>
/// A service driven by <see cref="RolloutDriver"/> against simulated agents: each tick the agents
/// run exactly the desired containers, a container turns healthy <see cref="StartTicks"/> ticks after it
/// was created unless its revision is broken, and the driver advances once. Records what was serving.
/// </summary>
internal sealed class DriverSim
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly Dictionary<(string Node, int Slot, long Revision), DateTimeOffset> _running = [];

    public DriverSim(ServiceSpec spec, int nodes = 3)
    {
        Spec = spec;
        Nodes = nodes;
        Assignments = Enumerable.Range(1, spec.Instances).ToDictionary(n => n, n => $"n{((n - 1) % nodes) + 1}");
    }

    public ServiceSpec Spec { get; private set; }
    public int Nodes { get; }
    public Dictionary<int, string> Assignments { get; private set; }
    public DeploymentState State { get; private set; } = DeploymentState.Empty;
    public DateTimeOffset Now { get; private set; } = Start;
    public HashSet<long> Broken { get; } = [];
    public int StartTicks { get; init; } = 3;
    /// <summary>Slots whose containers take longer (or shorter) than <see cref="StartTicks"/> to turn healthy.</summary>
    public Dictionary<int, int> SlotStartTicks { get; } = [];
    public List<RolloutOutcome> Outcomes { get; } = [];
    /// <summary>Per tick: the slots with a healthy container not draining (what load balancing would use).</summary>
    public List<int> ServingSlots { get; } = [];
    /// <summary>Per tick: the most containers one slot had.</summary>
    public int MostPerSlot { get; private set; }
    public List<(string Node, int Slot, long Revision)> EverStopped { get; } = [];

    public IEnumerable<(string Node, int Slot, long Revision)> Running => _running.Keys;

    /// <summary>When each container now running was created.</summary>
    public IReadOnlyDictionary<(string Node, int Slot, long Revision), DateTimeOffset> Created => _running;

    /// <summary>One tick: agents converge on the desired set, then the driver looks once.</summary>
    public RolloutOutcome Step()
    {
        var desired = RolloutDesired.For(Spec, Assignments, State).Select(d => (d.Node, d.Slot, d.Spec.Revision)).ToHashSet();
        foreach (var gone in _running.Keys.Where(k => !desired.Contains(k)).ToList())
        {
            _running.Remove(gone);
            EverStopped.Add(gone);
        }
        foreach (var want in desired.Where(d => !_running.ContainsKey(d)))
        {
            _running[want] = Now;
        }
        MostPerSlot = Math.Max(MostPerSlot, desired.Count == 0 ? 0 : desired.GroupBy(d => d.Slot).Max(g => g.Count()));
        var observed = Observed();
        var serving = RolloutDesired.Serving(Spec, Assignments, State);
        ServingSlots.Add(observed
            .Where(o => o.Health == InstanceHealth.Healthy && serving.Contains(InstanceNames.Container(Spec.Grid, Spec.Stack, Spec.Name, o.Slot, o.Revision)))
            .Select(o => o.Slot).Distinct().Count());
        var priorAssignments = Assignments;
        var outcome = RolloutDriver.Advance(new RolloutInput
        {
            Spec = Spec,
            Prior = State,
            PriorAssignments = priorAssignments,
            Assignments = Assignments,
            Observed = observed,
            Now = Now,
        });
        Outcomes.Add(outcome);
        State = outcome.State;
        if (outcome.Revert is { } revert)
        {
            Spec = revert;
        }
        Now += Tick;
        return outcome;
    }

    /// <summary>Takes slots out of the scheduler's assignments, as when no node can run them.</summary>
    public void Unplace(params int[] slots)
    {
        Assignments = Assignments.Where(a => !slots.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value);
    }

    /// <summary>Every slot of the spec assigned again, round-robin over the nodes.</summary>
    public void PlaceAll() => Assignments = Enumerable.Range(1, Spec.Instances).ToDictionary(n => n, n => $"n{((n - 1) % Nodes) + 1}");

    /// <summary>Ticks until no rollout is in flight (or the budget runs out).</summary>
    public void RunUntilSettled(int maxTicks = 2000)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            Step();
            if (State.Rollout is null)
            {
                Step();
                return;
            }
            if (State.Rollout.Paused)
            {
                return;
            }
        }
        throw new InvalidOperationException($"not settled after {maxTicks} ticks: {State.Rollout?.Reason}");
    }

    /// <summary>Stores a changed spec the way the API does: the next revision.</summary>
    public void Change(Func<ServiceSpec, ServiceSpec> change)
    {
        var next = change(Spec);
        Spec = next with { Revision = Math.Max(Spec.Revision, State.HighestRevision) + 1 };
        if (next.Instances != Assignments.Count)
        {
            Assignments = Enumerable.Range(1, next.Instances).ToDictionary(n => n, n => $"n{((n - 1) % Nodes) + 1}");
        }
    }

    public void Scale(int instances)
    {
        Spec = Spec with { Instances = instances };
        Assignments = Enumerable.Range(1, instances).ToDictionary(n => n, n => $"n{((n - 1) % Nodes) + 1}");
    }

    private int StartTicksOf(int slot) => SlotStartTicks.GetValueOrDefault(slot, StartTicks);

    private List<ObservedInstance> Observed() => _running
        .Select(r => new ObservedInstance(r.Key.Node, r.Key.Slot, r.Key.Revision, true,
            Broken.Contains(r.Key.Revision) ? (Now - r.Value >= Tick * StartTicksOf(r.Key.Slot) ? InstanceHealth.Unhealthy : InstanceHealth.Starting)
            : Now - r.Value >= Tick * StartTicksOf(r.Key.Slot) ? InstanceHealth.Healthy : InstanceHealth.Starting,
            Broken.Contains(r.Key.Revision) ? "HTTP 502 on /health" : null))
        .ToList();

    public static ServiceSpec Web(int instances, RolloutSpec? rollout = null, bool hostPort = false) => new()
    {
        Grid = "g",
        Stack = "shop",
        Name = "web",
        Image = "web:1",
        Instances = instances,
        Ports = hostPort ? [new PortMapping(8080, 80, "tcp")] : [],
        Rollout = rollout ?? RolloutSpec.Default,
    };
}
