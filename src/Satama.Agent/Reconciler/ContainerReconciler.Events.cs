using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

internal sealed partial class ContainerReconciler
{
    private static readonly TimeSpan s_watchRetry = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Follows the engine's events for this grid's containers on this node and wakes the loop,
    /// so a dead container restarts (and the master hears of it) without waiting for the timer.
    /// The timer still covers any event lost while the watch reconnects.
    /// </summary>
    private async Task WatchEventsAsync(CancellationToken ct)
    {
        await Task.Yield();
        while (!ct.IsCancellationRequested)
        {
            DesiredNodeView? desired;
            CancellationToken gridChanged;
            lock (_gate)
            {
                desired = _desired;
                gridChanged = _gridChanged.Token;
            }
            using var watch = CancellationTokenSource.CreateLinkedTokenSource(ct, gridChanged);
            try
            {
                if (desired is null)
                {
                    // No grid known yet: nothing of ours to watch until the first desired set.
                    await Task.Delay(Timeout.Infinite, watch.Token);
                }
                await foreach (var e in _driver.WatchAsync(desired!.Grid, _node, watch.Token))
                {
                    LogEngineEvent(e.Name, e.Action);
                    _eventSeen = true;
                    Trigger();
                }
            }
            catch (OperationCanceledException) when (watch.IsCancellationRequested)
            {
                continue;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogWatchFailed(e);
            }
            try
            {
                await Task.Delay(s_watchRetry, _time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
