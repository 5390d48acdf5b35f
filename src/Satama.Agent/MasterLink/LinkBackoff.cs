namespace Satama.Agent.MasterLink;

/// <summary>
/// Delay before the next connection attempt: exponential from 0.5 s doubling to a 30 s cap,
/// with full jitter (a random delay up to the exponential bound) so that many agents losing
/// the same master do not all come back in the same instant.
/// </summary>
internal sealed class LinkBackoff(Func<double> random)
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    private int _attempt;

    public LinkBackoff()
        : this(Random.Shared.NextDouble)
    {
    }

    /// <summary>The upper bound of the next delay (before jitter).</summary>
    public TimeSpan Bound => TimeSpan.FromTicks(Math.Min(Cap.Ticks, Initial.Ticks << Math.Min(_attempt, 16)));

    /// <summary>The delay after a failed or dropped connection; each call doubles the bound.</summary>
    public TimeSpan Next()
    {
        var delay = TimeSpan.FromTicks((long)(Bound.Ticks * random()));
        _attempt++;
        return delay;
    }

    /// <summary>
    /// The delay after a rejection: at the cap, with half of it jittered. A rejected agent
    /// (bad token, removed node) will not be let in by retrying quickly.
    /// </summary>
    public TimeSpan Long()
    {
        _attempt = 16;
        return TimeSpan.FromTicks((long)(Cap.Ticks * (0.5 + (random() / 2))));
    }

    /// <summary>After a successful Welcome.</summary>
    public void Reset() => _attempt = 0;
}
