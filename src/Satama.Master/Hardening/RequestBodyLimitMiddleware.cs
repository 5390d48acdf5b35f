using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Satama.Master.Hardening;

/// <summary>
/// Refuses /v1 request bodies over <see cref="RequestLimits.MaxBodyBytes"/> with a 413 problem:
/// at once when Content-Length says so, else by reading at most one chunk more than the limit. That
/// covers every body, whatever frames it: HTTP/1.1 chunked, and HTTP/2 and HTTP/3 DATA frames, which
/// need neither Content-Length nor Transfer-Encoding (the server's own detection says whether a
/// request has a body). The body read is handed on from memory.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0);
        if (!hasBody || !request.Path.StartsWithSegments("/v1"))
        {
            await next(context);
            return;
        }
        if (request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            await TooLarge(context);
            return;
        }
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > RequestLimits.MaxBodyBytes)
            {
                await TooLarge(context);
                return;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        request.Body = buffer;
        await next(context);
    }

    private static Task TooLarge(HttpContext context)
    {
        // The rest of the body is not read: the connection closes after the answer.
        return TypedResults.Problem($"the request body is larger than {RequestLimits.MaxBodyBytes / 1024} KiB",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large").ExecuteAsync(context);
    }
}
