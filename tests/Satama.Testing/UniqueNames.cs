namespace Satama.Testing;

/// <summary>Names for grids, services and nodes that no other test (or run) uses.</summary>
public static class UniqueNames
{
    private static int s_counter;

    /// <summary>e.g. "t-web-3f9a1-2": lower-case, DNS-label shaped, short.</summary>
    public static string Next(string prefix) =>
        $"{prefix}-{Environment.ProcessId % 100000:x}-{Interlocked.Increment(ref s_counter)}";
}
