namespace Satama.Cli.Commands.Grid;

/// <summary>satama grid show NAME: details, token and the command that joins a node.</summary>
internal sealed class ShowCommand(CliEnvironment environment) : ApiCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        var grid = await session.Client.GetGridAsync(settings.Name, ct);
        session.Printer.Print(grid, w => GridDetails.Write(w, grid));
        return ExitCodes.Ok;
    }
}
