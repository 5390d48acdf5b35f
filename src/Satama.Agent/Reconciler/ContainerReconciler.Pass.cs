using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

internal sealed partial class ContainerReconciler
{
    /// <summary>One pass: plan, apply, report. Returns null when no desired set is known yet.</summary>
    public async Task<NodeReport?> ReconcileOnceAsync(CancellationToken ct)
    {
        await _passGate.WaitAsync(ct);
        try
        {
            return await PassAsync(ct);
        }
        finally
        {
            _passGate.Release();
        }
    }

    private async Task<NodeReport?> PassAsync(CancellationToken ct)
    {
        var desired = ShapedDesired;
        if (desired is null)
        {
            return null;
        }
        var urgent = _eventSeen;
        _eventSeen = false;
        var actual = await _driver.ListAsync(desired.Grid, _node, ct);
        NoteExits(actual);
        var now = _time.GetUtcNow();
        var plan = NodeDiff.Compute(desired, actual, _restarts, now);
        var changed = await ApplyPlanAsync(plan, now, ct);
        // A new desired version is news for the master even when nothing had to change.
        urgent |= desired.Version != _passVersion;
        _passVersion = desired.Version;
        if (changed)
        {
            actual = await _driver.ListAsync(desired.Grid, _node, ct);
        }
        RememberStates(actual);
        ForgetUndesired(desired);
        _wakeAt = plan.WakeAt;
        var report = BuildReport(desired, actual);
        LastReport = report;
        Reported?.Invoke(report, changed || urgent);
        return report;
    }

    /// <summary>Logs containers that stopped by themselves since the last pass (one line per state change).</summary>
    private void NoteExits(IReadOnlyList<ActualContainerView> actual)
    {
        foreach (var container in actual)
        {
            if (container.State is ContainerRunState.Exited or ContainerRunState.Dead
                && _lastStates.GetValueOrDefault(container.Name) is { State: ContainerRunState.Running } before
                && before.Id == container.Id)
            {
                LogExited(container.Name, container.ExitCode);
            }
        }
    }

    private void RememberStates(IReadOnlyList<ActualContainerView> actual)
    {
        _lastStates.Clear();
        foreach (var container in actual)
        {
            _lastStates[container.Name] = (container.State, container.Id);
        }
    }

    private void ForgetUndesired(DesiredNodeView desired)
    {
        var names = desired.Containers.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var stale = _restarts.Keys.Where(k => !names.Contains(k)).ToList();
        foreach (var name in stale)
        {
            _restarts.Remove(name);
        }
        if (stale.Count > 0)
        {
            _files.SaveRestarts(_restarts);
        }
        foreach (var name in _failures.Keys.Where(k => !names.Contains(k)).ToList())
        {
            _failures.Remove(name);
        }
    }

    private NodeReport BuildReport(DesiredNodeView desired, IReadOnlyList<ActualContainerView> actual)
    {
        var wanted = desired.Containers.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var lines = actual
            .Select(a => new ReportedContainer(a.Name, a, wanted.GetValueOrDefault(a.Name), RestartCount(a.Name), ErrorOf(a.Name)))
            .ToList();
        var present = actual.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        lines.AddRange(wanted.Values
            .Where(d => !present.Contains(d.Name))
            .Select(d => new ReportedContainer(d.Name, null, d, RestartCount(d.Name), ErrorOf(d.Name))));
        return new NodeReport(desired.Version, [.. lines.OrderBy(l => l.Name, StringComparer.Ordinal)]);
    }

    private int RestartCount(string name) => _restarts.GetValueOrDefault(name)?.Count ?? 0;

    private string ErrorOf(string name) => _failures.GetValueOrDefault(name)?.Error ?? "";
}
