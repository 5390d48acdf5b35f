namespace Satama.Core.Reconciling;

/// <summary>
/// Capped exponential delay before restarting an exited container: 1 s, 2 s, 4 s … 30 s.
/// A crash loop backs off instead of spinning; a container that ran for a minute is
/// considered healthy again and restarts promptly.
/// </summary>
public static class RestartBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StableRun = TimeSpan.FromSeconds(60);

    /// <summary>The delay before restart number <paramref name="consecutive"/> + 1 of a crash loop.</summary>
    public static TimeSpan Delay(int consecutive)
    {
        // 2^5 s already exceeds the cap; clamp the exponent so the shift cannot overflow.
        var exponent = Math.Clamp(consecutive, 0, 5);
        var delay = TimeSpan.FromTicks(First.Ticks << exponent);
        return delay < Cap ? delay : Cap;
    }
}
