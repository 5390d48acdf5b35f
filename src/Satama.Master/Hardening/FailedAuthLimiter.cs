using System.Net;

namespace Satama.Master.Hardening;

/// <summary>
/// Counts refused credentials per <see cref="FailedAuthKey"/> in a sliding window: a key with
/// <see cref="RequestLimits.MaxAuthFailures"/> failures within <see cref="RequestLimits.FailureWindow"/>
/// is locked out for <see cref="RequestLimits.Lockout"/>, which only changes the answer to its next
/// failures (429 with Retry-After instead of 401). A valid token is never refused: under
/// <c>satama up</c>, behind NAT or a proxy, the guesser and the admin share an address.
/// The table is bounded (<see cref="DefaultMaxTracked"/> keys, the least recently failed evicted
/// first), and each failure costs O(1): keys are kept in the order they last failed, so expired
/// ones are dropped from the front, never by a scan.
/// </summary>
internal sealed class FailedAuthLimiter(TimeProvider time, int maxTracked = FailedAuthLimiter.DefaultMaxTracked)
{
    /// <summary>Bounds memory under a flood of addresses (each entry holds at most MaxAuthFailures times).</summary>
    public const int DefaultMaxTracked = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    // Least recently failed first.
    private readonly LinkedList<Entry> _order = new();

    /// <summary>How many keys are tracked now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>When <paramref name="address"/>'s key may fail again without a 429, or null if it may now.</summary>
    public DateTimeOffset? LockedUntil(IPAddress? address) => LockedUntil(FailedAuthKey.Of(address));

    public DateTimeOffset? LockedUntil(string key)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var node) && node.Value.LockedUntil > now ? node.Value.LockedUntil : null;
        }
    }

    /// <summary>
    /// Records a refused credential from <paramref name="address"/>. Returns when its key may try again
    /// if it was locked out already (answer 429), else null (answer 401; this failure is counted, and the
    /// one that reaches the limit starts the lockout).
    /// </summary>
    public DateTimeOffset? RecordFailure(IPAddress? address) => RecordFailure(FailedAuthKey.Of(address));

    public DateTimeOffset? RecordFailure(string key)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            DropQuiet(now);
            if (_entries.TryGetValue(key, out var node))
            {
                if (node.Value.LockedUntil > now)
                {
                    return node.Value.LockedUntil;
                }
                _order.Remove(node);
                _order.AddLast(node);
            }
            else
            {
                node = _order.AddLast(new Entry(key));
                _entries[key] = node;
                if (_entries.Count > maxTracked)
                {
                    Remove(_order.First!);
                }
            }
            var failures = node.Value.Failures;
            while (failures.Count > 0 && now - failures.Peek() >= RequestLimits.FailureWindow)
            {
                failures.Dequeue();
            }
            failures.Enqueue(now);
            if (failures.Count >= RequestLimits.MaxAuthFailures)
            {
                node.Value.LockedUntil = now + RequestLimits.Lockout;
                failures.Clear();
            }
            node.Value.LastFailure = now;
            return null;
        }
    }

    // Entries are in order of their last failure, so the quiet ones (no failure in the window, no
    // lockout) are all at the front: each is dropped once, amortized O(1) per failure.
    private void DropQuiet(DateTimeOffset now)
    {
        while (_order.First is { } first && first.Value.LockedUntil <= now && now - first.Value.LastFailure >= RequestLimits.FailureWindow)
        {
            Remove(first);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _order.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed class Entry(string key)
    {
        public string Key { get; } = key;

        public Queue<DateTimeOffset> Failures { get; } = new(RequestLimits.MaxAuthFailures);

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
