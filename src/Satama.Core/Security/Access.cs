namespace Satama.Core.Security;

/// <summary>
/// What an endpoint asks of its caller. Every endpoint of the master carries exactly one
/// (docs/security.md, "Roles"); the grid levels are checked against the route's {grid}.
/// </summary>
public enum Access
{
    /// <summary>Anyone: /v1/info, the OpenAPI document.</summary>
    Public,

    /// <summary>The agent link: authenticated inside the stream (grid token or node credential).</summary>
    Agent,

    /// <summary>Any valid token, whatever its roles (who am I, my own tokens, the grid list).</summary>
    Authenticated,

    /// <summary>viewer or more on the route's grid: read only.</summary>
    Viewer,

    /// <summary>grid_user or more on the route's grid: deploy, scale, restart, logs, exec.</summary>
    GridUser,

    /// <summary>grid_admin or more on the route's grid: nodes, join token, secrets' values, roles of the grid.</summary>
    GridAdmin,

    /// <summary>master_admin: grids, users, all roles, the audit trail.</summary>
    MasterAdmin,
}
