namespace Satama.Cli.Commands.Secret;

/// <summary>satama secret rm NAME.</summary>
internal sealed class RmCommand(CliEnvironment environment) : ApiCommand<SecretNameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, SecretNameSettings settings, CancellationToken ct)
    {
        await session.Client.DeleteSecretAsync(session.Grid, settings.Name, ct);
        session.Printer.Done($"Secret {settings.Name} removed from the vault of grid {session.Grid}", new { removed = settings.Name });
        return ExitCodes.Ok;
    }
}
