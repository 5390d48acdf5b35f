using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Satama.Master.Audit;

/// <summary>
/// Who is acting: the authenticated principal's name ("admin" for the admin token; a user's
/// name, or "node:GRID/NAME" for an agent, once those authenticate), else "anonymous".
/// </summary>
internal static class AuditActors
{
    public const string Anonymous = "anonymous";

    public static string Of(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true } identity
            ? identity.Name ?? context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown"
            : Anonymous;

    /// <summary>The source address; an IPv4 client on a dual-stack socket is shown as IPv4.</summary>
    public static string Source(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "";
        }
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
