using System.Collections.Concurrent;
using Satama.Agent.Docker;
using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

internal sealed partial class ContainerReconciler
{
    // The engine overlaps creations well: here 20 `docker run` at once start in 2.2-2.7 s, and the
    // agent took 3.4 s for 20 four at a time (bench rollout); sixteen at once bounds a burst on a
    // small node. A removal mostly waits out the stop grace period, so many of them overlap too.
    private const int Parallelism = 16;
    private const int RemovalParallelism = 16;

    // Containers being retired in the background, by name, and how many retire at once.
    private readonly ConcurrentDictionary<string, Task> _retiring = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _retireSlots = new(RemovalParallelism, RemovalParallelism);

    /// <summary>
    /// Applies a plan phase by phase (removals, creations, starts) so a replacement's removal
    /// frees the name before its creation; within a phase the steps are independent. A container
    /// no longer desired at all is retired in the background instead (see <see cref="Retire"/>).
    /// </summary>
    private async Task<bool> ApplyPlanAsync(NodePlan plan, DateTimeOffset now, CancellationToken ct)
    {
        var changed = 0;
        foreach (var retired in plan.Actions.Where(IsRetirement))
        {
            Retire(retired, now, ct);
        }
        foreach (var kind in (NodeActionKind[])[NodeActionKind.Remove, NodeActionKind.Create, NodeActionKind.Start])
        {
            var phase = plan.Actions.Where(a => a.Kind == kind && !IsRetirement(a)).ToList();
            await Parallel.ForEachAsync(phase, new ParallelOptions
            {
                MaxDegreeOfParallelism = kind == NodeActionKind.Remove ? RemovalParallelism : Parallelism,
                CancellationToken = ct,
            }, async (action, token) =>
            {
                if (await ApplyAsync(action, now, token))
                {
                    Interlocked.Exchange(ref changed, 1);
                }
            });
        }
        return changed == 1;
    }

    /// <summary>
    /// Stops and removes a container that is no longer desired without holding up the pass: its stop grace period
    /// (a process that ignores SIGTERM waits it out) must not delay the creations of the same pass or the next
    /// desired set, such as a rollout's next batch. The master has already taken it out of service (drained) before
    /// it left the desired set. A later pass skips it while the removal runs, and the end of the removal wakes one.
    /// </summary>
    private static bool IsRetirement(NodeAction action) => action.Kind == NodeActionKind.Remove && action.Desired is null;

    private void Retire(NodeAction action, DateTimeOffset now, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_retiring.TryAdd(action.Name, done.Task))
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await _retireSlots.WaitAsync(ct);
                try
                {
                    await ApplyAsync(action, now, ct);
                }
                finally
                {
                    _retireSlots.Release();
                }
            }
            catch (OperationCanceledException)
            {
                // The agent is stopping; the next start finds the container and removes it then.
            }
            finally
            {
                _retiring.TryRemove(action.Name, out _);
                done.SetResult();
                Trigger();
            }
        }, CancellationToken.None);
    }

    /// <summary>Waits for the removals running in the background (for tests).</summary>
    public Task RetirementsAsync() => Task.WhenAll(_retiring.Values);

    /// <summary>Applies one step; true when the engine changed. Expected failures are recorded on the container, not thrown.</summary>
    private async Task<bool> ApplyAsync(NodeAction action, DateTimeOffset now, CancellationToken ct)
    {
        lock (_stateGate)
        {
            if (action.Kind != NodeActionKind.Remove && _failures.TryGetValue(action.Name, out var failure) && failure.RetryAt > now)
            {
                return false;
            }
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
                    _driver.RestoreSecretFiles(action.Desired!);
                    await _driver.StartAsync(action.Name, ct);
                    lock (_stateGate)
                    {
                        _restarts[action.Name] = record;
                        _files.SaveRestarts(_restarts);
                    }
                    LogRestarted(action.Name, action.Actual?.ExitCode ?? 0, record.Count);
                    break;
                case NodeActionKind.Start:
                    _driver.RestoreSecretFiles(action.Desired!);
                    await _driver.StartAsync(action.Name, ct);
                    LogStarted(action.Name);
                    break;
            }
            lock (_stateGate)
            {
                _failures.Remove(action.Name);
            }
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
        {
            var message = e is ContainerDriverException ? e.Message : $"{action.Kind.ToString().ToLowerInvariant()} failed: {e.Message}";
            lock (_stateGate)
            {
                var attempts = (_failures.GetValueOrDefault(action.Name)?.Attempts ?? 0) + 1;
                _failures[action.Name] = new FailureRecord(message, attempts, now + RestartBackoff.Delay(attempts));
            }
            LogActionFailed(action.Kind, action.Name, message, e is ContainerDriverException ? null : e);
            // A create that failed after the container existed leaves it "created"; the next pass starts it.
            return action.Kind != NodeActionKind.Remove;
        }
    }

    private void ForgetRestarts(string name)
    {
        lock (_stateGate)
        {
            if (_restarts.Remove(name))
            {
                _files.SaveRestarts(_restarts);
            }
        }
    }
}
