using Satama.Core.Model;

namespace Satama.Core.Reconciling;

/// <summary>
/// The agent's planner: compares what should run on a node with what runs there and
/// returns the steps that converge them. Pure and level-triggered: it never remembers
/// anything between calls, so running it again after applying its plan yields nothing.
/// </summary>
public static class NodeDiff
{
    public static NodePlan Compute(
        DesiredNodeView desired,
        IReadOnlyList<ActualContainerView> actual,
        IReadOnlyDictionary<string, RestartRecord> restartState,
        DateTimeOffset now)
    {
        // Only containers labelled with this grid and node are ours; anything else on the
        // engine (other grids, other nodes sharing the engine, unlabelled) is never touched.
        var own = actual
            .Where(a => a.Grid == desired.Grid && a.Node == desired.Node)
            .GroupBy(a => a.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var foreignNames = actual
            .Where(a => !own.ContainsKey(a.Name))
            .Select(a => a.Name)
            .ToHashSet(StringComparer.Ordinal);
        var wanted = desired.Containers
            .Where(d => d.Grid == desired.Grid)
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var removes = new List<NodeAction>();
        var creates = new List<NodeAction>();
        var starts = new List<NodeAction>();
        DateTimeOffset? wakeAt = null;

        foreach (var container in own.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var reason = RemovalReason(container, wanted.GetValueOrDefault(container.Name));
            if (reason is not null)
            {
                removes.Add(new NodeAction(NodeActionKind.Remove, container.Name, reason, wanted.GetValueOrDefault(container.Name), container));
            }
        }
        var removed = removes.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var spec in wanted.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!own.TryGetValue(spec.Name, out var container) || removed.Contains(spec.Name))
            {
                // A foreign container holding the name blocks the create; it is not ours to remove.
                if (!foreignNames.Contains(spec.Name))
                {
                    var why = removed.Contains(spec.Name) ? "replacing" : "missing";
                    creates.Add(new NodeAction(NodeActionKind.Create, spec.Name, why, spec));
                }
                continue;
            }
            var start = StartStep(spec, container, restartState.GetValueOrDefault(spec.Name) ?? RestartRecord.None, now, out var due);
            if (start is not null)
            {
                starts.Add(start);
            }
            if (due is { } d && (wakeAt is null || d < wakeAt))
            {
                wakeAt = d;
            }
        }

        return new NodePlan([.. removes, .. creates, .. starts], wakeAt);
    }

    private static string? RemovalReason(ActualContainerView container, DesiredContainerView? spec) =>
        spec is null ? "not desired"
        : container.SpecHash != spec.SpecHash ? "spec changed"
        : container.State == ContainerRunState.Dead ? "dead"
        : null;

    /// <summary>A Start step, or null (with <paramref name="due"/> set when a restart waits for its backoff).</summary>
    private static NodeAction? StartStep(DesiredContainerView spec, ActualContainerView container, RestartRecord record, DateTimeOffset now, out DateTimeOffset? due)
    {
        due = null;
        if (container.State == ContainerRunState.Created && container.StartedAt is null)
        {
            // Created but never started (e.g. the agent stopped between create and start):
            // finishing the create is not a restart, whatever the policy.
            return new NodeAction(NodeActionKind.Start, spec.Name, "created, not started", spec, container);
        }
        if (container.State is not (ContainerRunState.Exited or ContainerRunState.Created))
        {
            return null;
        }
        var restart = spec.Restart switch
        {
            RestartPolicy.Always => true,
            RestartPolicy.OnFailure => container.ExitCode != 0,
            _ => false,
        };
        if (!restart)
        {
            return null;
        }
        var ranFor = container.StartedAt is { } s && container.FinishedAt is { } f && f >= s ? f - s : (TimeSpan?)null;
        var consecutive = ranFor >= RestartBackoff.StableRun ? 0 : record.Consecutive;
        var from = container.FinishedAt ?? record.LastRestartAt;
        var dueAt = from is null ? now : from.Value + RestartBackoff.Delay(consecutive);
        if (now < dueAt)
        {
            due = dueAt;
            return null;
        }
        var next = new RestartRecord(record.Count + 1, consecutive + 1, now);
        return new NodeAction(NodeActionKind.Start, spec.Name, $"exited with {container.ExitCode}, restart policy {spec.Restart.ToWire()}", spec, container, next);
    }
}
