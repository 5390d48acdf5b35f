using System.Diagnostics;

namespace Satama.Testing;

/// <summary>
/// Polls a condition until it holds or a generous timeout passes (a timeout only catches
/// hangs; no test asserts on timing). On timeout the failure says what was last observed.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Waits until <paramref name="probe"/> returns (true, _); the string is the last observation, reported on timeout.</summary>
    public static async Task UntilAsync(Func<Task<(bool Done, string Observed)>> probe, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        var observed = "nothing observed yet";
        Exception? lastError = null;
        var delay = TimeSpan.FromMilliseconds(50);
        while (watch.Elapsed < limit)
        {
            try
            {
                var (done, seen) = await probe();
                observed = seen;
                lastError = null;
                if (done)
                {
                    return;
                }
            }
            catch (Exception e) when (e is not GiveUpException)
            {
                lastError = e;
                observed = $"{e.GetType().Name}: {e.Message}";
            }
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
        throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}; last observed: {observed}", lastError);
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(async () => (await condition(), "condition false"), what, timeout);

    /// <summary>Waits until <paramref name="read"/> returns a value that satisfies <paramref name="accept"/>, and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> accept, string what, TimeSpan? timeout = null, Func<T, string>? describe = null)
    {
        T? last = default;
        await UntilAsync(async () =>
        {
            last = await read();
            return (accept(last), describe?.Invoke(last) ?? last?.ToString() ?? "null");
        }, what, timeout);
        return last!;
    }
}
