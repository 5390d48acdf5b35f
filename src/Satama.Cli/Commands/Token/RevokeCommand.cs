namespace Satama.Cli.Commands.Token;

/// <summary>satama token revoke ID [--user U]: the token stops working at once.</summary>
internal sealed class RevokeCommand(CliEnvironment environment) : ApiCommand<RevokeSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, RevokeSettings settings, CancellationToken ct)
    {
        await session.Client.RevokeTokenAsync(settings.Id, settings.User, ct);
        session.Printer.Done($"Token {settings.Id} revoked", new { revoked = settings.Id });
        return ExitCodes.Ok;
    }
}
