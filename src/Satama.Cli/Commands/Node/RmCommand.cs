namespace Satama.Cli.Commands.Node;

/// <summary>satama node rm NAME [--force]: removes the node and revokes its credential (the master refuses an online node without --force).</summary>
internal sealed class RmCommand(CliEnvironment environment) : ApiCommand<RmSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, RmSettings settings, CancellationToken ct)
    {
        await session.Client.DeleteNodeAsync(session.Grid, settings.Name, settings.Force, ct);
        session.Printer.Done($"Node {settings.Name} removed from grid {session.Grid}; its credential is revoked", new { removed = settings.Name, grid = session.Grid });
        return ExitCodes.Ok;
    }
}
