namespace Satama.Cli.Commands;

/// <summary>Copies streamed log lines to stdout as they arrive.</summary>
internal static class LogStream
{
    public static async Task<int> CopyAsync(IAsyncEnumerable<string> lines, TextWriter output, bool follow, CancellationToken ct)
    {
        try
        {
            await foreach (var line in lines.WithCancellation(ct))
            {
                output.WriteLine(line);
                output.Flush();
            }
        }
        catch (OperationCanceledException) when (follow && ct.IsCancellationRequested)
        {
            // Ctrl-C is how one stops following: not an error.
        }
        return ExitCodes.Ok;
    }
}
