using System.Collections.Concurrent;

namespace Satama.Master.Hardening;

/// <summary>
/// Counts failed authentications per source address in a sliding window; an address with
/// <see cref="RequestLimits.MaxAuthFailures"/> failures within <see cref="RequestLimits.FailureWindow"/>
/// is locked out for <see cref="RequestLimits.Lockout"/>. Guessing tokens becomes slow; other
/// addresses are not affected.
/// </summary>
internal sealed class FailedAuthLimiter(TimeProvider time)
{
    // Bounds memory under a flood of addresses: beyond this many, quiet entries are dropped.
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>When <paramref name="source"/> may try again, or null if it may now.</summary>
    public DateTimeOffset? LockedUntil(string source)
    {
        if (!_entries.TryGetValue(source, out var entry))
        {
            return null;
        }
        var now = time.GetUtcNow();
        lock (entry)
        {
            return entry.LockedUntil > now ? entry.LockedUntil : null;
        }
    }

    public void RecordFailure(string source)
    {
        var now = time.GetUtcNow();
        if (_entries.Count >= MaxTracked)
        {
            Prune(now);
        }
        var entry = _entries.GetOrAdd(source, _ => new Entry());
        lock (entry)
        {
            while (entry.Failures.Count > 0 && now - entry.Failures.Peek() >= RequestLimits.FailureWindow)
            {
                entry.Failures.Dequeue();
            }
            entry.Failures.Enqueue(now);
            if (entry.Failures.Count >= RequestLimits.MaxAuthFailures)
            {
                entry.LockedUntil = now + RequestLimits.Lockout;
                entry.Failures.Clear();
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (source, entry) in _entries)
        {
            lock (entry)
            {
                var quiet = entry.LockedUntil <= now && (entry.Failures.Count == 0 || now - entry.Failures.Last() >= RequestLimits.FailureWindow);
                if (quiet)
                {
                    _entries.TryRemove(source, out _);
                }
            }
        }
    }

    private sealed class Entry
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset LockedUntil { get; set; }
    }
}
