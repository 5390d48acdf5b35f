using Satama.Core.Model;

namespace Satama.Core.Deploys;

/// <summary>One container that should exist: slot <see cref="Slot"/> of <see cref="Spec"/> (at its revision) on <see cref="Node"/>.</summary>
public sealed record DesiredInstance(string Node, int Slot, ServiceSpec Spec);

/// <summary>Turns a service's deployment state into the containers its nodes should run.</summary>
public static class RolloutDesired
{
    /// <summary>
    /// With no rollout in flight, one container of the deployed spec per assigned slot. During a
    /// rollout, the launched slots at the rollout's target revision where the scheduler placed them, plus
    /// the old containers not yet stopped (draining ones included: they stop when the drain ends).
    /// </summary>
    public static IEnumerable<DesiredInstance> For(ServiceSpec spec, IReadOnlyDictionary<int, string> assignments, DeploymentState state)
    {
        var covered = assignments.Where(a => spec.Placement.Covers(spec.Instances, a.Key));
        if (state.Rollout is not { } rollout)
        {
            // The deployed spec, not the stored one: a change is stored before the controller starts its rollout,
            // and the containers must not follow it in between.
            var running = state.Deployed ?? spec;
            foreach (var (slot, node) in covered)
            {
                yield return new DesiredInstance(node, slot, running);
            }
            yield break;
        }
        // The rollout's target, not the stored spec: a newer revision is stored before the driver supersedes the
        // rollout (and turns its launched containers into old ones); rendering them at the newer revision in between
        // would replace them all at once, stop-first.
        foreach (var (slot, node) in covered.Where(a => rollout.Launched.ContainsKey(a.Key)))
        {
            yield return new DesiredInstance(node, slot, rollout.Target);
        }
        foreach (var old in rollout.Old)
        {
            if (rollout.OldSpecs.TryGetValue(old.Revision, out var oldSpec))
            {
                yield return new DesiredInstance(old.Node, old.Slot, oldSpec);
            }
        }
    }

    /// <summary>
    /// Containers (by name) that may take traffic: still desired and not draining. Load balancing and DNS route to the
    /// containers the nodes report only when they are in this set: a container stops being desired when its drain
    /// ends, and its node reports it running until it has stopped; routing by the reports alone would send it
    /// requests again in that moment.
    /// </summary>
    public static IReadOnlySet<string> Serving(ServiceSpec spec, IReadOnlyDictionary<int, string> assignments, DeploymentState state)
    {
        var draining = Draining(spec, state);
        return For(spec, assignments, state)
            .Select(d => InstanceNames.Container(spec.Grid, spec.Stack, spec.Name, d.Slot, d.Spec.Revision))
            .Where(name => !draining.ContainsKey(name))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Containers (by name) out of service until they stop: load balancing and DNS leave them out.</summary>
    public static SortedDictionary<string, DateTimeOffset> Draining(ServiceSpec spec, DeploymentState state)
    {
        var draining = new SortedDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var old in state.Rollout?.Old ?? [])
        {
            if (old.DrainUntil is { } until)
            {
                draining[InstanceNames.Container(spec.Grid, spec.Stack, spec.Name, old.Slot, old.Revision)] = until;
            }
        }
        return draining;
    }
}
