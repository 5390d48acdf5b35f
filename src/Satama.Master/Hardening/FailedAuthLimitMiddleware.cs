using System.Globalization;
using Microsoft.AspNetCore.Http;
using Satama.Master.Audit;

namespace Satama.Master.Hardening;

/// <summary>
/// Wraps authentication: an address locked out by <see cref="FailedAuthLimiter"/> gets 429 (with
/// Retry-After) before its token is looked at; every refused credential (a 401 to a request that
/// presented one) counts against the address.
/// </summary>
internal sealed class FailedAuthLimitMiddleware(RequestDelegate next, FailedAuthLimiter limiter, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }
        var source = AuditActors.Source(context);
        if (limiter.LockedUntil(source) is { } until)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem($"too many failed authentications from {source}; try again in {seconds} s",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(context);
            return;
        }
        // Only a credential that was presented and refused is a guess; a request without one
        // (a browser, a probe, a test walking the routes) learns nothing by repeating itself.
        var presented = context.Request.Headers.Authorization.Count > 0;
        await next(context);
        if (presented && context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            limiter.RecordFailure(source);
        }
    }
}
