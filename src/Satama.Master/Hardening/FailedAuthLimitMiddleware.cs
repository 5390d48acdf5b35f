using System.Globalization;
using Microsoft.AspNetCore.Http;
using Satama.Master.Audit;

namespace Satama.Master.Hardening;

/// <summary>
/// Wraps authentication: an address locked out by <see cref="FailedAuthLimiter"/> gets 429 (with
/// Retry-After) before its token is looked at; every 401 answered to an address counts against it.
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
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            limiter.RecordFailure(source);
        }
    }
}
