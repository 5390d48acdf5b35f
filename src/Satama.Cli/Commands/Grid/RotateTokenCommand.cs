namespace Satama.Cli.Commands.Grid;

/// <summary>
/// satama grid rotate-token NAME: a new join token. The old one stops admitting new nodes; the
/// grid's own nodes may still reconnect with it.
/// </summary>
internal sealed class RotateTokenCommand(CliEnvironment environment) : ApiCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        var grid = await session.Client.RotateGridTokenAsync(settings.Name, ct);
        session.Printer.Print(grid, w => GridDetails.Write(w, grid));
        return ExitCodes.Ok;
    }
}
