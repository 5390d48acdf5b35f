using System.ComponentModel;
using Satama.Core.Model;
using Satama.Core.Security;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Role;

/// <summary>Arguments of role grant / revoke: USER ROLE [--grid G].</summary>
internal sealed class RoleSettings : GlobalSettings
{
    [CommandArgument(0, "<USER>")]
    [Description("User name")]
    public string User { get; set; } = "";

    [CommandArgument(1, "<ROLE>")]
    [Description("master_admin (whole master), grid_admin, grid_user or viewer (on --grid)")]
    public string Role { get; set; } = "";

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Names.Check("user", User) is { } user)
        {
            problems.Add(user);
        }
        if (Roles.Check(Role) is { } role)
        {
            problems.Add(role);
        }
        else if (Role == Roles.MasterAdmin && Grid is not null)
        {
            problems.Add("master_admin is a role on the whole master: leave out --grid");
        }
        return problems;
    }

    /// <summary>The grid of a grid role (--grid, else the context's); null for master_admin.</summary>
    public string? GridOf(ApiSession session) => Role == Roles.MasterAdmin ? null : session.Grid;
}
