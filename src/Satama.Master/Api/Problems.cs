using Microsoft.AspNetCore.Http;

namespace Satama.Master.Api;

/// <summary>RFC 7807 answers for the mistakes a client can make; the detail always says what to do or what exists.</summary>
internal static class Problems
{
    public static IResult BadRequest(IEnumerable<string> errors) =>
        TypedResults.Problem(string.Join("; ", errors), statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static IResult BadRequest(string error) => BadRequest([error]);

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>"grid 'x' not found; grids: a, b" (or "; there are no grids").</summary>
    public static IResult NotFound(string kind, string name, IEnumerable<string> existing, string? scope = null)
    {
        var names = existing.ToList();
        var where = scope is null ? "" : $" in {scope}";
        var list = names.Count == 0 ? $"there are no {kind}s{where}" : $"{kind}s{where}: {string.Join(", ", names)}";
        return NotFound($"{kind} '{name}' not found; {list}");
    }

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static IResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    public static IResult Unavailable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unavailable");
}
