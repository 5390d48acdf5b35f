namespace Satama.Cli.Commands.Container;

/// <summary>satama container logs ID [--follow] [--tail N].</summary>
internal sealed class LogsCommand(CliEnvironment environment) : ApiCommand<LogSettings>(environment)
{
    // Logs stream for as long as they last (or until Ctrl-C with --follow).
    protected override TimeSpan? Timeout(LogSettings settings) => null;

    protected override Task<int> RunAsync(ApiSession session, LogSettings settings, CancellationToken ct)
    {
        var lines = session.Client.ContainerLogsAsync(session.Grid, settings.Name, settings.Tail, settings.Follow, ct);
        return LogStream.CopyAsync(lines, session.Printer.Out, settings.Follow, ct);
    }
}
