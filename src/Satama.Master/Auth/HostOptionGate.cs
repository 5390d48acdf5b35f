using Microsoft.AspNetCore.Http;
using Satama.Core.Security;

namespace Satama.Master.Auth;

/// <summary>
/// Host-level options (Core's <see cref="HostOptions"/>: what gives a container power over its node) need grid_admin
/// on the grid, or the grid's allowance. Checked on every write that sets a service's spec on a caller's behalf
/// (service create; stack install, upgrade and rollback for each service they add or change), before anything is
/// written; every refused option is named at once. Scale, restart and deploy of a stored service add nothing.
/// </summary>
internal static class HostOptionGate
{
    public const string Title = "Host-level options need grid_admin";

    /// <summary>Whether the caller may ask for any host-level option on <paramref name="grid"/> (grid_admin or more).</summary>
    public static bool IsUnrestricted(HttpContext http, string grid) =>
        http.Features.Get<Caller>() is { } caller && caller.Allows(Access.GridAdmin, grid);

    /// <summary>Null when the caller may ask for all of <paramref name="asked"/>; else a 403 with one line per refused option.</summary>
    public static IResult? Check(HttpContext http, string grid, HostAllowances allowances, IEnumerable<HostOptionUse> asked)
    {
        if (IsUnrestricted(http, grid))
        {
            return null;
        }
        var refused = asked.Where(a => !allowances.Allows(a.Option)).ToList();
        if (refused.Count == 0)
        {
            return null;
        }
        var who = http.Features.Get<Caller>()?.User ?? "?";
        var lines = new List<string>
        {
            $"user '{who}' may not ask for host-level options on grid '{grid}' (they need grid_admin, or the grid's allowance); refused:",
        };
        lines.AddRange(refused.Select(r => $"{r.Where}: {r.Option.Why}; a grid_admin may allow it: satama grid update {grid} {r.Option.AllowFlag}"));
        return TypedResults.Problem(string.Join("\n", lines), statusCode: StatusCodes.Status403Forbidden, title: Title);
    }
}
