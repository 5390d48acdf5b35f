using System.Globalization;
using Satama.Core.Model;

namespace Satama.Core.Deploys;

/// <summary>
/// Drives a service's rollouts, one step per call: notices a new revision and starts a rollout
/// (taking over the containers of one it supersedes), asks <see cref="RolloutPlanner"/> for the
/// next step and applies it to the state (launch a slot, drain an old container, stop it once
/// drained), records the end, and rolls back after a failure. Pure: the master's controller calls
/// it on every report and store change and stores what it returns; <see cref="RolloutDesired"/>
/// turns the state into the containers the agents run.
/// </summary>
public static class RolloutDriver
{
    public static RolloutOutcome Advance(RolloutInput input)
    {
        var spec = input.Spec;
        var events = new List<string>();
        var state = input.Prior with { HighestRevision = Math.Max(input.Prior.HighestRevision, spec.Revision) };
        var rollout = Begin(input, ref state, events);
        if (rollout is null)
        {
            return new RolloutOutcome(state with { Deployed = spec }, null, null, events);
        }
        rollout = FinishDrains(rollout, input.Now);
        if (rollout.Paused)
        {
            return new RolloutOutcome(state with { Rollout = rollout }, null, WakeAt(rollout, [], input), events);
        }

        var slots = input.Assignments.Keys.Where(n => spec.Placement.Covers(spec.Instances, n)).Order().ToList();
        var views = Views(rollout, slots, input);
        var request = new RolloutRequest
        {
            Service = spec.Name,
            Instances = slots.Count,
            SlotNumbers = slots,
            TargetRevision = spec.Revision,
            PreviousRevision = rollout.Previous,
            Existing = views,
            Now = input.Now,
            Order = Order(spec),
            MinHealth = spec.Rollout.MinHealth,
            Parallelism = spec.Rollout.Parallelism,
            HealthyDeadline = rollout.IgnoreDeadline ? TimeSpan.MaxValue : spec.Rollout.HealthyDeadline,
        };
        var step = RolloutPlanner.Next(request);
        var unplaced = spec.Placement.Strategy == PlacementStrategy.Daemon ? 0 : spec.Instances - slots.Count;
        if (step.Kind == RolloutStepKind.Done && unplaced > 0)
        {
            // Every placed instance is done, but not all are placed (no node online, or none that fits): the deploy is
            // not over until they run, or it would report success with nothing running.
            step = RolloutStep.Wait($"{Count(unplaced, "instance")} of {spec.Instances.ToString(CultureInfo.InvariantCulture)} not placed yet: no node online that fits");
        }
        switch (step.Kind)
        {
            case RolloutStepKind.Proceed:
                rollout = Apply(rollout, step, input);
                break;
            case RolloutStepKind.Wait:
                rollout = rollout with { Reason = step.Reason };
                break;
            case RolloutStepKind.Done:
                var draining = rollout.Old.Where(o => o.Draining).ToList();
                if (draining.Count == 0)
                {
                    events.Add($"rollout of {spec.QualifiedName} to revision {spec.Revision} succeeded: {step.Reason}");
                    var done = Record(rollout, DeploymentOutcome.Succeeded, input.Now, rollout.Cause is { } cause ? $"{step.Reason}; revision {rollout.Previous.ToString(CultureInfo.InvariantCulture)} had failed: {cause}" : step.Reason);
                    return new RolloutOutcome(state with { Deployed = spec, Rollout = null, History = Append(state.History, done) }, null, null, events);
                }
                // Old containers the planner no longer sees (their node went away) are dropped; drained ones stop first.
                rollout = rollout with { Old = draining, Reason = $"draining {Count(draining.Count, "old instance")}" };
                break;
            case RolloutStepKind.Failed:
                return Fail(rollout, state, step, input, events);
        }
        return new RolloutOutcome(state with { Rollout = rollout }, null, WakeAt(rollout, views, input), events);
    }

    /// <summary>The order of the service's rollouts: as configured, else start-first unless it binds a host port or writes a named volume.</summary>
    public static RolloutOrder Order(ServiceSpec spec) => spec.Rollout.Order ?? RolloutOrders.For(spec);

    /// <summary>The rollout to drive now, or null when the service runs its stored revision and nothing is in flight.</summary>
    private static RolloutState? Begin(RolloutInput input, ref DeploymentState state, List<string> events)
    {
        var spec = input.Spec;
        var prior = state.Rollout;
        RolloutState next;
        if (prior is null)
        {
            if (state.Deployed is { } deployed && deployed.Revision == spec.Revision)
            {
                return null;
            }
            next = NewRollout(spec, state.Deployed, input.Now);
            if (state.Deployed is { } running)
            {
                next = next with
                {
                    Old = input.PriorAssignments
                        .Where(a => running.Placement.Covers(running.Instances, a.Key))
                        .Select(a => new OldInstance(a.Key, running.Revision, a.Value))
                        .ToList(),
                    OldSpecs = new SortedDictionary<long, ServiceSpec> { [running.Revision] = running },
                };
            }
            events.Add($"rollout of {spec.QualifiedName} to revision {spec.Revision} started");
        }
        else if (prior.Target.Revision != spec.Revision)
        {
            // A newer revision supersedes the rollout in flight: its launched containers become old ones too.
            var outcome = prior.Paused ? DeploymentOutcome.Failed : DeploymentOutcome.Superseded;
            var why = prior.Paused ? prior.Reason : $"superseded by revision {spec.Revision}";
            state = state with { History = Append(state.History, Record(prior, outcome, input.Now, why)) };
            var old = prior.Old.ToList();
            old.AddRange(prior.Launched.Keys
                .Where(input.PriorAssignments.ContainsKey)
                .Select(slot => new OldInstance(slot, prior.Target.Revision, input.PriorAssignments[slot])));
            var specs = new SortedDictionary<long, ServiceSpec>(prior.OldSpecs) { [prior.Target.Revision] = prior.Target };
            next = NewRollout(spec, state.Deployed, input.Now) with { Old = old, OldSpecs = specs };
            events.Add($"rollout of {spec.QualifiedName} to revision {prior.Target.Revision} superseded by revision {spec.Revision}");
        }
        else
        {
            // Same revision: only what is not rolled out may differ (the instance count).
            next = prior with { Target = spec };
        }
        return Trim(Adopt(next, input), spec);
    }

    private static RolloutState NewRollout(ServiceSpec spec, ServiceSpec? deployed, DateTimeOffset now) => new()
    {
        Target = spec,
        Previous = deployed?.Revision ?? 0,
        Kind = deployed is null ? DeploymentKind.Create : spec.Revision == deployed.Revision ? DeploymentKind.Rollback : DeploymentKind.Update,
        Started = now,
        Reason = $"starting revision {spec.Revision.ToString(CultureInfo.InvariantCulture)}",
    };

    /// <summary>Old containers that already run the target revision where the scheduler wants them become its own (a rollback keeps them).</summary>
    private static RolloutState Adopt(RolloutState rollout, RolloutInput input)
    {
        var target = rollout.Target.Revision;
        var adopt = rollout.Old
            .Where(o => o.Revision == target && !o.Draining && !rollout.Launched.ContainsKey(o.Slot)
                && input.Assignments.TryGetValue(o.Slot, out var node) && node == o.Node)
            .GroupBy(o => o.Slot)
            .Select(g => g.First())
            .ToList();
        if (adopt.Count == 0)
        {
            return rollout;
        }
        var launched = new SortedDictionary<int, DateTimeOffset>(rollout.Launched);
        foreach (var old in adopt)
        {
            launched[old.Slot] = input.Now;
        }
        return rollout with { Launched = launched, Old = rollout.Old.Except(adopt).ToList() };
    }

    /// <summary>Forgets slots the service no longer has (scaled down) and specs no old container needs.</summary>
    private static RolloutState Trim(RolloutState rollout, ServiceSpec spec)
    {
        bool Covered(int slot) => spec.Placement.Covers(spec.Instances, slot);
        var old = rollout.Old.Where(o => Covered(o.Slot) || o.Draining).ToList();
        var revisions = old.Select(o => o.Revision).ToHashSet();
        return rollout with
        {
            Old = old,
            Launched = new SortedDictionary<int, DateTimeOffset>(rollout.Launched.Where(l => Covered(l.Key)).ToDictionary()),
            Queued = new SortedSet<int>(rollout.Queued.Where(Covered)),
            OldSpecs = new SortedDictionary<long, ServiceSpec>(rollout.OldSpecs.Where(s => revisions.Contains(s.Key)).ToDictionary()),
        };
    }

    /// <summary>Drained containers stop; a stop-first slot waiting for that one launches now.</summary>
    private static RolloutState FinishDrains(RolloutState rollout, DateTimeOffset now)
    {
        var drained = rollout.Old.Where(o => o.DrainUntil <= now).ToList();
        if (drained.Count == 0)
        {
            return rollout;
        }
        var old = rollout.Old.Except(drained).ToList();
        var launched = new SortedDictionary<int, DateTimeOffset>(rollout.Launched);
        var queued = new SortedSet<int>(rollout.Queued);
        foreach (var slot in rollout.Queued.Where(s => old.All(o => o.Slot != s)))
        {
            launched[slot] = now;
            queued.Remove(slot);
        }
        return rollout with { Old = old, Launched = launched, Queued = queued };
    }

    /// <summary>What the planner sees: launched and queued target containers, and old ones not yet draining.</summary>
    private static List<RolloutInstanceView> Views(RolloutState rollout, List<int> slots, RolloutInput input)
    {
        var target = rollout.Target.Revision;
        var views = new List<RolloutInstanceView>();
        foreach (var slot in slots)
        {
            var node = input.Assignments[slot];
            if (rollout.Launched.TryGetValue(slot, out var at))
            {
                var seen = input.Observed.FirstOrDefault(o => o.Slot == slot && o.Revision == target && o.Node == node);
                views.Add(seen is null
                    ? new RolloutInstanceView(slot, node, target, false, InstanceHealth.Starting, $"not reported by {node} yet", at)
                    : View(seen, at));
            }
            else if (rollout.Queued.Contains(slot))
            {
                // Counts as in flight; its deadline starts when it launches.
                views.Add(new RolloutInstanceView(slot, node, target, false, InstanceHealth.Starting, "waiting for the old container to stop", input.Now));
            }
            foreach (var old in rollout.Old.Where(o => o.Slot == slot && !o.Draining))
            {
                var seen = input.Observed.FirstOrDefault(o => o.Slot == slot && o.Revision == old.Revision && o.Node == old.Node);
                if (seen is not null)
                {
                    views.Add(View(seen, null));
                }
            }
        }
        return views;
    }

    private static RolloutInstanceView View(ObservedInstance seen, DateTimeOffset? created) =>
        new(seen.Slot, seen.Node, seen.Revision, seen.Running, seen.Running ? seen.Health : InstanceHealth.None, seen.HealthDetail, created, seen.HealthySince);

    private static RolloutState Apply(RolloutState rollout, RolloutStep step, RolloutInput input)
    {
        var now = input.Now;
        var drain = RolloutSpec.DrainOf(input.Spec);
        var old = rollout.Old.ToList();
        foreach (var stop in step.Stop)
        {
            var index = old.FindIndex(o => o.Slot == stop.Number && o.Revision == stop.Revision && !o.Draining);
            if (index >= 0)
            {
                old[index] = old[index] with { DrainUntil = now + (drain > TimeSpan.Zero ? drain : TimeSpan.Zero) };
            }
        }
        var launched = new SortedDictionary<int, DateTimeOffset>(rollout.Launched);
        var queued = new SortedSet<int>(rollout.Queued);
        var starts = step.Start.Where(s => !launched.ContainsKey(s) && !queued.Contains(s)).ToList();
        var nextBatch = rollout.NextBatchAt;
        var reason = step.Reason;
        if (starts.Count > 0 && nextBatch is { } at && now < at)
        {
            reason = $"waiting {Seconds(at - now)} s before the next batch (interval {Seconds(input.Spec.Rollout.Interval)} s)";
        }
        else if (starts.Count > 0)
        {
            var stopFirst = Order(input.Spec) == RolloutOrder.StopFirst;
            foreach (var slot in starts)
            {
                if (stopFirst && old.Any(o => o.Slot == slot))
                {
                    queued.Add(slot);
                }
                else
                {
                    launched[slot] = now;
                }
            }
            nextBatch = input.Spec.Rollout.Interval > TimeSpan.Zero ? now + input.Spec.Rollout.Interval : null;
        }
        var applied = rollout with { Old = old, Launched = launched, Queued = queued, NextBatchAt = nextBatch, Reason = reason };
        // A zero drain stops at once, and may launch a queued slot in the same step.
        return FinishDrains(applied, now);
    }

    private static RolloutOutcome Fail(RolloutState rollout, DeploymentState state, RolloutStep step, RolloutInput input, List<string> events)
    {
        var spec = input.Spec;
        var action = spec.Rollout.FailureAction;
        if (action == FailureAction.Continue)
        {
            events.Add($"rollout of {spec.QualifiedName} to revision {spec.Revision} failed, continuing (failure_action: continue): {step.Reason}");
            var going = rollout with { IgnoreDeadline = true, Reason = $"continuing after a failure: {step.Reason}" };
            return new RolloutOutcome(state with { Rollout = going }, null, null, events);
        }
        if (action == FailureAction.Rollback && rollout.Kind != DeploymentKind.Rollback && state.Deployed is { } deployed)
        {
            // Scaling is not part of a revision: the rollback keeps the instance count asked for since.
            var good = deployed with { Instances = spec.Instances };
            events.Add($"rollout of {spec.QualifiedName} to revision {spec.Revision} failed, rolling back to revision {good.Revision}: {step.Reason}");
            var failed = Record(rollout, DeploymentOutcome.Failed, input.Now, step.Reason);
            var old = rollout.Old.ToList();
            old.AddRange(rollout.Launched.Keys
                .Where(input.Assignments.ContainsKey)
                .Select(slot => new OldInstance(slot, spec.Revision, input.Assignments[slot])));
            var back = NewRollout(good, good, input.Now) with
            {
                Previous = spec.Revision,
                Cause = step.Reason,
                Old = old,
                OldSpecs = new SortedDictionary<long, ServiceSpec>(rollout.OldSpecs) { [spec.Revision] = spec },
                Reason = $"rolling back to revision {good.Revision.ToString(CultureInfo.InvariantCulture)}: {step.Reason}",
            };
            var input2 = input with { Spec = good };
            back = Trim(Adopt(back, input2), good);
            return new RolloutOutcome(state with { Rollout = back, History = Append(state.History, failed) }, good, input.Now, events);
        }
        var why = rollout.Kind == DeploymentKind.Rollback ? "rollback failed" : action == FailureAction.Pause ? "paused (failure_action: pause)" : "failed, nothing to roll back to";
        events.Add($"rollout of {spec.QualifiedName} to revision {spec.Revision} {why}: {step.Reason}");
        var paused = rollout with { Paused = true, Reason = $"{why}: {step.Reason}" };
        return new RolloutOutcome(state with { Rollout = paused }, null, WakeAt(paused, [], input), events);
    }

    /// <summary>When to look again with no news: a drain ends, the next batch may start, a new instance's deadline passes.</summary>
    private static DateTimeOffset? WakeAt(RolloutState rollout, List<RolloutInstanceView> views, RolloutInput input)
    {
        var times = new List<DateTimeOffset>();
        times.AddRange(rollout.Old.Select(o => o.DrainUntil).OfType<DateTimeOffset>());
        if (rollout.NextBatchAt is { } batch)
        {
            times.Add(batch);
        }
        if (!rollout.IgnoreDeadline && !rollout.Paused)
        {
            var deadline = input.Spec.Rollout.HealthyDeadline;
            times.AddRange(views
                .Where(v => v.Revision == rollout.Target.Revision && !v.IsHealthy && v.CreatedAt is not null)
                .Select(v => v.CreatedAt!.Value + deadline + TimeSpan.FromMilliseconds(1)));
        }
        return times.Count == 0 ? null : times.Min();
    }

    private static DeploymentRecord Record(RolloutState rollout, DeploymentOutcome outcome, DateTimeOffset now, string reason) =>
        new(rollout.Target.Revision, rollout.Previous, rollout.Kind, outcome, rollout.Started, now, reason);

    private static List<DeploymentRecord> Append(IReadOnlyList<DeploymentRecord> history, DeploymentRecord record) =>
        [.. history.Skip(Math.Max(0, history.Count - DeploymentState.HistoryLimit + 1)), record];

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Seconds(TimeSpan span) => Math.Ceiling(Math.Max(0, span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
