using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Satama.Core.Model;
using Satama.Master.Api;

namespace Satama.Master.Hardening;

/// <summary>
/// Checks every route value of /v1 before an endpoint sees it: grid, node, stack and service
/// values must be valid names (Names.Check); any other value (a container id or name, a secret
/// or user name) must be bounded and free of path separators, '%', '..' and control characters.
/// All problems are answered at once with a 400.
/// </summary>
internal sealed class RouteNameMiddleware(RequestDelegate next)
{
    private static readonly HashSet<string> s_named = new(StringComparer.OrdinalIgnoreCase) { "grid", "node", "stack", "service" };

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1") || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return next(context);
        }
        var problems = new List<string>();
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            if (!context.Request.RouteValues.TryGetValue(parameter.Name, out var raw) || raw is null)
            {
                continue;
            }
            var value = Convert.ToString(raw, CultureInfo.InvariantCulture) ?? "";
            if (Check(parameter.Name, value) is { } problem)
            {
                problems.Add(problem);
            }
        }
        return problems.Count == 0 ? next(context) : Problems.BadRequest(problems).ExecuteAsync(context);
    }

    /// <summary>Null when <paramref name="value"/> may be the route value <paramref name="parameter"/>, else why not.</summary>
    public static string? Check(string parameter, string value)
    {
        if (s_named.Contains(parameter))
        {
            return Names.Check(parameter.ToLowerInvariant(), value);
        }
        if (value.Length == 0)
        {
            return $"{parameter} is empty";
        }
        if (value.Length > RequestLimits.MaxRouteValueLength)
        {
            return $"{parameter} '{value[..40]}…' is longer than {RequestLimits.MaxRouteValueLength} characters";
        }
        if (value.IndexOfAny(['/', '\\', '%']) >= 0 || value.Contains("..", StringComparison.Ordinal) || value.Any(char.IsControl))
        {
            return $"{parameter} '{Printable(value)}' is invalid: no '/', '\\', '%', '..' or control characters";
        }
        return null;
    }

    private static string Printable(string value) => new(value.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
