namespace Satama.Cli.Commands.User;

/// <summary>satama whoami: the user the context's token stands for, its roles and the token's cap.</summary>
internal sealed class WhoAmICommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var me = await session.Client.WhoAmIAsync(ct);
        session.Printer.Print(me, w =>
        {
            w.WriteLine($"User:  {me.User}");
            w.WriteLine($"Roles: {RoleText.Of(me.Roles)}");
            w.WriteLine($"Token: {me.TokenId}{(me.TokenRole is null ? "" : $" (limited to {me.TokenRole})")}");
        });
        return ExitCodes.Ok;
    }
}
