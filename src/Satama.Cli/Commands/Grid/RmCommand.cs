namespace Satama.Cli.Commands.Grid;

/// <summary>satama grid rm NAME (the master refuses while nodes or services remain).</summary>
internal sealed class RmCommand(CliEnvironment environment) : ApiCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        await session.Client.DeleteGridAsync(settings.Name, ct);
        session.Printer.Done($"Grid {settings.Name} removed", new { removed = settings.Name });
        return ExitCodes.Ok;
    }
}
