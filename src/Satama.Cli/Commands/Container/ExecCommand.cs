using Satama.Cli.Output;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Container;

/// <summary>
/// satama container exec ID -- CMD...: runs CMD in the container (on whichever node holds it),
/// prints its stdout and stderr, and exits with its exit code.
/// </summary>
internal sealed class ExecCommand(CliEnvironment environment, TrailingArguments trailing) : ApiCommand<ExecSettings>(environment)
{
    private IReadOnlyList<string> Command => trailing.Words;

    protected override IReadOnlyList<string> Check(ExecSettings settings) =>
        Command.Count == 0
            ? ["no command: use 'satama container exec CONTAINER -- COMMAND [ARG...]'"]
            : settings.TimeoutSeconds < 1 ? [$"--timeout must be 1 or more, not {settings.TimeoutSeconds}"] : [];

    // The command's own time limit, plus room for the master to reach the node and answer.
    protected override TimeSpan? Timeout(ExecSettings settings) => TimeSpan.FromSeconds(settings.TimeoutSeconds) + Environment.RequestTimeout;

    protected override async Task<int> RunAsync(ApiSession session, ExecSettings settings, CancellationToken ct)
    {
        var result = await session.Client.ExecAsync(session.Grid, settings.Container, new ExecRequest(Command, settings.TimeoutSeconds), ct);
        if (session.Printer.Format != OutputFormat.Table)
        {
            session.Printer.Print(result, _ => { });
            return result.ExitCode;
        }
        session.Printer.Out.Write(result.Stdout);
        session.Printer.Out.Flush();
        Environment.Error.Write(result.Stderr);
        Environment.Error.Flush();
        return result.ExitCode;
    }
}
