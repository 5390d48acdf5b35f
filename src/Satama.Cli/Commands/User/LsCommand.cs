using System.Globalization;
using Satama.Cli.Output;

namespace Satama.Cli.Commands.User;

/// <summary>satama user ls: users, their roles and how many tokens they hold.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var users = await session.Client.ListUsersAsync(ct);
        session.Printer.Print(users, w =>
        {
            var table = new TextTable("NAME", "ROLES", "TOKENS", "CREATED");
            foreach (var u in users)
            {
                table.Add(u.Name, RoleText.Of(u.Roles), u.Tokens.ToString(CultureInfo.InvariantCulture), Ago.Format(u.Created, session.Now));
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
