namespace Satama.Cli.Commands.Secret;

/// <summary>satama secret update NAME [--value V | --file F | &lt; stdin]: a new version of a secret.</summary>
internal sealed class UpdateCommand(CliEnvironment environment) : ApiCommand<SecretValueSettings>(environment)
{
    protected override IReadOnlyList<string> Check(SecretValueSettings settings) => SecretValueSource.Check(settings);

    protected override async Task<int> RunAsync(ApiSession session, SecretValueSettings settings, CancellationToken ct)
    {
        var value = await SecretValueSource.ReadAsync(settings, Environment, ct);
        var secret = await session.Client.UpdateSecretAsync(session.Grid, settings.Name, value, ct);
        var redeploy = secret.UsedBy is { Count: > 0 } users ? $"; redeploying {string.Join(", ", users)}" : "";
        session.Printer.Done($"Secret {secret.Name} of grid {secret.Grid} updated to version {secret.Version}{redeploy}", secret);
        return ExitCodes.Ok;
    }
}
