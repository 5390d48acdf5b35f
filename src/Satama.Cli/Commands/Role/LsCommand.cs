using Satama.Cli.Output;

namespace Satama.Cli.Commands.Role;

/// <summary>satama role ls [--grid G]: every grant (master_admin), or those of one grid (its grid_admin).</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var roles = await session.Client.ListRolesAsync(settings.Grid, ct);
        session.Printer.Print(roles, w =>
        {
            var table = new TextTable("USER", "ROLE", "GRID");
            foreach (var r in roles)
            {
                table.Add(r.User, r.Role, r.Grid ?? "*");
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
