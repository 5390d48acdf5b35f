namespace Satama.Cli.Commands.Node;

/// <summary>satama node rm NAME (the master refuses while the node is online).</summary>
internal sealed class RmCommand(CliEnvironment environment) : ApiCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        await session.Client.DeleteNodeAsync(session.Grid, settings.Name, ct);
        session.Printer.Done($"Node {settings.Name} removed from grid {session.Grid}", new { removed = settings.Name, grid = session.Grid });
        return ExitCodes.Ok;
    }
}
