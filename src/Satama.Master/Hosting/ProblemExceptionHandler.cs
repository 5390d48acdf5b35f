using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Satama.Master.Api;
using Satama.Master.Hardening;

namespace Satama.Master.Hosting;

/// <summary>
/// Turns exceptions into problem+json. A request the framework could not bind (malformed
/// JSON, a missing body, a bad route value) is the client's mistake: 400 with the parser's
/// message. Anything else is ours: 500, logged with the exception, no internals in the answer.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult result;
        if (exception is BadHttpRequestException bad)
        {
            var detail = bad.InnerException is JsonException json ? JsonErrors.Describe(json) : bad.Message;
            result = bad.StatusCode == StatusCodes.Status400BadRequest
                ? Problems.BadRequest(detail)
                : TypedResults.Problem(detail, statusCode: bad.StatusCode);
        }
        else if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }
        else
        {
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
            result = TypedResults.Problem("internal error in the master; see its log", statusCode: StatusCodes.Status500InternalServerError, title: "Internal error");
        }
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
