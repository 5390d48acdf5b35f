namespace Satama.Cli.Commands.Role;

/// <summary>satama role revoke USER ROLE [--grid G].</summary>
internal sealed class RevokeCommand(CliEnvironment environment) : ApiCommand<RoleSettings>(environment)
{
    protected override IReadOnlyList<string> Check(RoleSettings settings) => settings.Problems();

    protected override async Task<int> RunAsync(ApiSession session, RoleSettings settings, CancellationToken ct)
    {
        var grid = settings.GridOf(session);
        var user = await session.Client.RevokeRoleAsync(settings.User, settings.Role, grid, ct);
        var where = grid is null ? "the whole master" : $"grid {grid}";
        session.Printer.Done($"User {user.Name} is no longer {settings.Role} on {where}; roles: {RoleText.Of(user.Roles)}", user);
        return ExitCodes.Ok;
    }
}
