using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Satama.Master.Api;
using Satama.Master.Store;

namespace Satama.Master.Auth;

/// <summary>
/// Every /v1 route but /v1/info needs a valid Bearer token. It runs before routing so a
/// stranger learns nothing, not even whether a body would have parsed.
/// </summary>
internal sealed class BearerAuthMiddleware(RequestDelegate next, IStore store)
{
    // Known-good hashes, so a busy client does not cost a store read per request.
    private readonly ConcurrentDictionary<string, string> _known = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1") || path.StartsWithSegments("/v1/info"))
        {
            await next(context);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        const string Prefix = "Bearer ";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await Reject(context, "missing bearer token: send 'Authorization: Bearer TOKEN' (see DATA/admin-token)");
            return;
        }
        var hash = TokenHash.Of(header[Prefix.Length..].Trim());
        if (!_known.ContainsKey(hash))
        {
            var role = await store.FindTokenAsync(hash, context.RequestAborted);
            if (role is null)
            {
                await Reject(context, "invalid bearer token");
                return;
            }
            _known[hash] = role;
        }
        // Only the admin token exists so far; its holder is the actor "admin" in the audit trail.
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, _known[hash])], "Bearer"));
        await next(context);
    }

    private static Task Reject(HttpContext context, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Unauthorized(detail).ExecuteAsync(context);
    }
}
