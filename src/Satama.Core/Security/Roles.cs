namespace Satama.Core.Security;

/// <summary>
/// The four roles, each including the ones below it: viewer (read) &lt; grid_user (deploy, scale,
/// logs, exec) &lt; grid_admin (nodes, join token, secret values, the grid's roles) &lt; master_admin
/// (everything, every grid). The first three are granted per grid; master_admin is global.
/// </summary>
public static class Roles
{
    public const string MasterAdmin = "master_admin";
    public const string GridAdmin = "grid_admin";
    public const string GridUser = "grid_user";
    public const string Viewer = "viewer";

    /// <summary>Highest first.</summary>
    public static readonly IReadOnlyList<string> All = [MasterAdmin, GridAdmin, GridUser, Viewer];

    public static readonly IReadOnlyList<string> GridRoles = [GridAdmin, GridUser, Viewer];

    /// <summary>0 for an unknown role, else 1 (viewer) to 4 (master_admin).</summary>
    public static int Rank(string? role) => role switch
    {
        Viewer => 1,
        GridUser => 2,
        GridAdmin => 3,
        MasterAdmin => 4,
        _ => 0,
    };

    public static bool IsGridRole(string? role) => role is GridAdmin or GridUser or Viewer;

    /// <summary>Null when <paramref name="role"/> is a role, else an error naming the roles.</summary>
    public static string? Check(string? role) =>
        Rank(role) > 0 ? null : $"role '{role}' is unknown; roles: {string.Join(", ", All)}";

    /// <summary>The rank an endpoint of <paramref name="access"/> needs (0: any valid token).</summary>
    public static int Needed(Access access) => access switch
    {
        Access.Viewer => 1,
        Access.GridUser => 2,
        Access.GridAdmin => 3,
        Access.MasterAdmin => 4,
        _ => 0,
    };

    /// <summary>The role name of a grid or master access level, for messages.</summary>
    public static string Name(Access access) => access switch
    {
        Access.Viewer => Viewer,
        Access.GridUser => GridUser,
        Access.GridAdmin => GridAdmin,
        Access.MasterAdmin => MasterAdmin,
        _ => access.ToString(),
    };
}
