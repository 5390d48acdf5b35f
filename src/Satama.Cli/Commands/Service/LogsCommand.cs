namespace Satama.Cli.Commands.Service;

/// <summary>satama service logs NAME [--follow] [--tail N]: lines of every instance, "web-1 | text".</summary>
internal sealed class LogsCommand(CliEnvironment environment) : ApiCommand<LogSettings>(environment)
{
    protected override IReadOnlyList<string> Check(LogSettings settings)
    {
        var problems = new List<string>();
        ServiceName.Parse(settings.Name, problems);
        return problems;
    }

    // Logs stream for as long as they last (or until Ctrl-C with --follow).
    protected override TimeSpan? Timeout(LogSettings settings) => null;

    protected override Task<int> RunAsync(ApiSession session, LogSettings settings, CancellationToken ct)
    {
        var name = ServiceName.Parse(settings.Name);
        var lines = session.Client.ServiceLogsAsync(session.Grid, name.Stack, name.Name, settings.Tail, settings.Follow, ct);
        return LogStream.CopyAsync(lines, session.Printer.Out, settings.Follow, ct);
    }
}
