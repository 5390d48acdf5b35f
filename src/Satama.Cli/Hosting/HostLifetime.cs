namespace Satama.Cli.Hosting;

/// <summary>Waits until Ctrl-C/SIGTERM or until a hosted part stops by itself.</summary>
internal static class HostLifetime
{
    /// <summary>Time allowed for the agent and the master to stop cleanly.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Returns null when stopped by a signal, else the name of the part that ended on its own.</summary>
    public static async Task<string?> WaitAsync(CancellationToken ct, params (string Name, Task Completion)[] parts)
    {
        var signalled = Task.Delay(Timeout.Infinite, ct);
        var first = await Task.WhenAny(parts.Select(p => p.Completion).Append(signalled));
        if (first == signalled)
        {
            return null;
        }
        var ended = parts.First(p => p.Completion == first);
        return ended.Completion.Exception is { } e
            ? $"{ended.Name} stopped unexpectedly: {e.GetBaseException().Message}"
            : $"{ended.Name} stopped unexpectedly";
    }

    /// <summary>Parses --log-level (trace|debug|information|warning|error).</summary>
    public static Microsoft.Extensions.Logging.LogLevel? ParseLevel(string text) =>
        Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(text, ignoreCase: true, out var level) && !int.TryParse(text, out _) ? level : null;
}
