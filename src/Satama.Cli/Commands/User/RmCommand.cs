namespace Satama.Cli.Commands.User;

/// <summary>satama user rm NAME: the user and all its tokens.</summary>
internal sealed class RmCommand(CliEnvironment environment) : ApiCommand<UserNameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, UserNameSettings settings, CancellationToken ct)
    {
        await session.Client.DeleteUserAsync(settings.Name, ct);
        session.Printer.Done($"User {settings.Name} removed; its tokens no longer work", new { removed = settings.Name });
        return ExitCodes.Ok;
    }
}
