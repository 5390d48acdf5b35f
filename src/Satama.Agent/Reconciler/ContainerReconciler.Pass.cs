using Satama.Agent.Docker;
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
        var desired = Desired;
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
        var changed = false;
        foreach (var action in plan.Actions)
        {
            changed |= await ApplyAsync(action, now, ct);
        }
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

    /// <summary>Applies one step; true when the engine changed. Expected failures are recorded on the container, not thrown.</summary>
    private async Task<bool> ApplyAsync(NodeAction action, DateTimeOffset now, CancellationToken ct)
    {
        if (action.Kind != NodeActionKind.Remove && _failures.TryGetValue(action.Name, out var failure) && failure.RetryAt > now)
        {
            return false;
        }
        try
        {
            switch (action.Kind)
            {
                case NodeActionKind.Remove:
                    await _driver.RemoveAsync(action.Name, ct);
                    LogRemoved(action.Name, action.Reason);
                    break;
                case NodeActionKind.Create:
                    await _driver.CreateAsync(action.Desired!, _node, ct);
                    await _driver.StartAsync(action.Name, ct);
                    ForgetRestarts(action.Name);
                    LogCreated(action.Name);
                    break;
                case NodeActionKind.Start when action.Restart is { } record:
                    await _driver.StartAsync(action.Name, ct);
                    _restarts[action.Name] = record;
                    _files.SaveRestarts(_restarts);
                    LogRestarted(action.Name, action.Actual?.ExitCode ?? 0, record.Count);
                    break;
                case NodeActionKind.Start:
                    await _driver.StartAsync(action.Name, ct);
                    LogStarted(action.Name);
                    break;
            }
            _failures.Remove(action.Name);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
        {
            var attempts = (_failures.GetValueOrDefault(action.Name)?.Attempts ?? 0) + 1;
            var message = e is ContainerDriverException ? e.Message : $"{action.Kind.ToString().ToLowerInvariant()} failed: {e.Message}";
            _failures[action.Name] = new FailureRecord(message, attempts, now + RestartBackoff.Delay(attempts));
            LogActionFailed(action.Kind, action.Name, message, e is ContainerDriverException ? null : e);
            // A create that failed after the container existed leaves it "created"; the next pass starts it.
            return action.Kind != NodeActionKind.Remove;
        }
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

    private void ForgetRestarts(string name)
    {
        if (_restarts.Remove(name))
        {
            _files.SaveRestarts(_restarts);
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
