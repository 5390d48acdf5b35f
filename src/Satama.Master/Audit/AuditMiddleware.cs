using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging;

namespace Satama.Master.Audit;

/// <summary>
/// Appends exactly one event for every POST, PUT, PATCH or DELETE that routing matched under /v1,
/// whatever the resource: a middleware rather than an endpoint filter, so that requests refused
/// before an endpoint runs (no token, too large, malformed JSON, a bad name) are recorded too.
/// The event is written when the answer starts (the status is known, and a client that reads the
/// trail right after its call finds its event), or when the request ends if no answer started.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditLog log, ILogger<AuditMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/v1") || !IsMutation(request.Method)
            || context.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<NotAuditedAttribute>() is not null)
        {
            return next(context);
        }
        // The exception handler clears route values before it answers: take what is needed now.
        var pattern = endpoint.RoutePattern;
        var (resource, grid) = AuditTargets.FromRoute(pattern.PathSegments.Select(Segment), request.RouteValues);
        var scope = new AuditScope(AuditActions.Of(request.Method, pattern.RawText), resource, grid);
        context.Features.Set(scope);
        var recorded = 0;
        async Task RecordAsync()
        {
            if (Interlocked.Exchange(ref recorded, 1) == 1)
            {
                return;
            }
            var response = context.Response;
            // A create names its new resource only in the answer's Location.
            if (response.StatusCode == StatusCodes.Status201Created && scope.Resource.Length == 0
                && AuditTargets.FromLocation(response.Headers.Location) is { } created)
            {
                (scope.Resource, scope.Grid) = (created.Resource, scope.Grid.Length > 0 ? scope.Grid : created.Grid);
            }
            try
            {
                await log.AppendAsync(new AuditEntry(AuditActors.Of(context), scope.Action, scope.Resource, scope.Grid,
                    AuditActors.Source(context), response.StatusCode), CancellationToken.None);
            }
            catch (Exception e)
            {
                // The change itself has happened; refusing the answer would not undo it.
                logger.LogError(e, "Could not record audit event {Action} on {Resource}", scope.Action, scope.Resource);
            }
        }
        context.Response.OnStarting(RecordAsync);
        context.Response.OnCompleted(RecordAsync);
        return next(context);
    }

    // A segment that is one parameter ("{grid}") is named by it; literals and mixed segments are null.
    private static string? Segment(RoutePatternPathSegment segment) =>
        segment.IsSimple && segment.Parts[0] is RoutePatternParameterPart p ? p.Name : null;

    private static bool IsMutation(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
