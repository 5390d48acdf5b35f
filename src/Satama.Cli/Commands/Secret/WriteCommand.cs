namespace Satama.Cli.Commands.Secret;

/// <summary>satama secret write NAME [--value V | --file F | &lt; stdin]: a new secret in the grid's vault.</summary>
internal sealed class WriteCommand(CliEnvironment environment) : ApiCommand<SecretValueSettings>(environment)
{
    protected override IReadOnlyList<string> Check(SecretValueSettings settings) => SecretValueSource.Check(settings);

    protected override async Task<int> RunAsync(ApiSession session, SecretValueSettings settings, CancellationToken ct)
    {
        var value = await SecretValueSource.ReadAsync(settings, Environment, ct);
        var secret = await session.Client.WriteSecretAsync(session.Grid, settings.Name, value, ct);
        session.Printer.Done($"Secret {secret.Name} written to the vault of grid {secret.Grid} (version {secret.Version})", secret);
        return ExitCodes.Ok;
    }
}
