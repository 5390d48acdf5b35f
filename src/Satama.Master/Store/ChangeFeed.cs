namespace Satama.Master.Store;

/// <summary>
/// The store's global change sequence and a way to wait for it to move. Level-triggered:
/// a waiter learns only "something changed after N" and re-reads what it cares about.
/// </summary>
internal sealed class ChangeFeed(long start)
{
    private readonly Lock _gate = new();
    private long _sequence = start;
    private TaskCompletionSource _next = NewSignal();

    public long Sequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    public void Advance(long sequence)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (sequence <= _sequence)
            {
                return;
            }
            _sequence = sequence;
            signal = _next;
            _next = NewSignal();
        }
        signal.TrySetResult();
    }

    /// <summary>Completes when the sequence is above <paramref name="seen"/>.</summary>
    public async Task WaitAsync(long seen, CancellationToken ct)
    {
        Task next;
        lock (_gate)
        {
            if (_sequence > seen)
            {
                return;
            }
            next = _next.Task;
        }
        await next.WaitAsync(ct);
    }

    // Continuations run off the writer's thread so a slow waiter never stalls a write.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
