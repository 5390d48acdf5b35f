namespace Satama.Cli.Commands.Stack;

/// <summary>satama stack rm NAME: removes every service of the stack (and so its containers), then the stack.</summary>
internal sealed class RmCommand(CliEnvironment environment) : NamedStackCommand<RmSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, RmSettings settings, CancellationToken ct)
    {
        await session.Client.DeleteStackAsync(session.Grid, settings.Name, ct);
        session.Printer.Done($"Stack {settings.Name} removed", new { removed = settings.Name, grid = session.Grid });
        return ExitCodes.Ok;
    }
}
