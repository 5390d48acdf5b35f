using Microsoft.AspNetCore.Http;

namespace Satama.Master.Api;

/// <summary>
/// Request bodies of /v1 are JSON. Routing would answer a body of another type with a bare
/// 404 (no endpoint accepts it), which misleads; this says what is wrong instead.
/// </summary>
internal sealed class JsonContentTypeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody && request.Path.StartsWithSegments("/v1") && !request.HasJsonContentType())
        {
            return TypedResults.Problem($"request bodies must be JSON (Content-Type: application/json), not '{request.ContentType}'",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type").ExecuteAsync(context);
        }
        return next(context);
    }
}
