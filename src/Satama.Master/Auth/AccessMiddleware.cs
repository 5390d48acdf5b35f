using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Satama.Core.Security;
using Satama.Master.Api;
using Satama.Master.Hardening;

namespace Satama.Master.Auth;

/// <summary>
/// The one place requests are authenticated and authorized. Each endpoint states its
/// <see cref="AccessRule"/> where it is mapped; this checks the bearer token (401 when missing,
/// unknown, expired or revoked) and then the caller's roles on the route's {grid} (403). It runs
/// before the name checks and body parsing, so a stranger learns nothing about a request. A /v1
/// request that matched no endpoint needs a token too; an endpoint without a rule admits nobody.
/// A refused credential counts against its address (<see cref="FailedAuthLimiter"/>): past the limit
/// the refusal is a 429 with Retry-After; a valid token from that address still passes.
/// </summary>
internal sealed class AccessMiddleware(RequestDelegate next, Identity identity, FailedAuthLimiter limiter, TimeProvider time)
{
    public const string GridParameter = "grid";

    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var rule = endpoint?.Metadata.GetMetadata<AccessRule>();
        if (rule?.Access is Access.Public or Access.Agent)
        {
            await next(context);
            return;
        }
        var isApi = context.Request.Path.StartsWithSegments("/v1");
        if (endpoint is null && !isApi)
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
        var (caller, error) = await identity.AuthenticateAsync(header[Prefix.Length..].Trim(), context.RequestAborted);
        if (caller is null)
        {
            await Reject(context, error!);
            return;
        }
        context.Features.Set(caller);
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.User), .. caller.Roles.Select(r => new Claim(ClaimTypes.Role, r.Role))], "Bearer"));
        if (endpoint is null)
        {
            // No such route: the 404 comes from the pipeline, now to an authenticated caller.
            await next(context);
            return;
        }
        if (rule is null)
        {
            await Forbid(context, $"{context.Request.Method} {context.Request.Path} has no access rule; nobody may call it");
            return;
        }
        var grid = context.Request.RouteValues.TryGetValue(GridParameter, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        if (!caller.Allows(rule.Access, grid))
        {
            var needed = Roles.Name(rule.Access);
            var scope = rule.Access == Access.MasterAdmin || grid is null ? "" : $" on grid '{grid}'";
            var capped = caller.TokenRole is null ? "" : $" (this token is limited to {caller.TokenRole})";
            await Forbid(context, $"user '{caller.User}' may not do this: it needs {needed}{scope}{capped}");
            return;
        }
        await next(context);
    }

    private Task Reject(HttpContext context, string detail)
    {
        // Only a credential that was presented and refused is a guess; a request without one
        // (a browser, a probe, a test walking the routes) learns nothing by repeating itself.
        var presented = context.Request.Headers.Authorization.Count > 0;
        var address = context.Connection.RemoteIpAddress;
        if (presented && limiter.RecordFailure(address) is { } until)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem($"too many failed authentications from {FailedAuthKey.Of(address)}; try again in {seconds} s (a valid token is not refused)",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context);
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Unauthorized(detail).ExecuteAsync(context);
    }

    private static Task Forbid(HttpContext context, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden").ExecuteAsync(context);
}
