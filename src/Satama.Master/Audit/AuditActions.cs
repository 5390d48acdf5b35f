using System.Collections.Frozen;

namespace Satama.Master.Audit;

/// <summary>
/// Names a mutation from its route pattern and method: "service.scale", "grid.delete". Known
/// routes are in the table; any other route gets a derived name, so an endpoint added later is
/// audited without touching this file (add it here only when the derived name reads badly).
/// </summary>
internal static class AuditActions
{
    private static readonly FrozenDictionary<string, string> s_table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /v1/grids"] = "grid.create",
        ["DELETE /v1/grids/{grid}"] = "grid.delete",
        ["PATCH /v1/grids/{grid}"] = "grid.update",
        ["DELETE /v1/grids/{grid}/nodes/{node}"] = "node.delete",
        ["PATCH /v1/grids/{grid}/nodes/{node}/labels"] = "node.label",
        ["POST /v1/grids/{grid}/services"] = "service.create",
        ["DELETE /v1/grids/{grid}/stacks/{stack}/services/{service}"] = "service.delete",
        ["POST /v1/grids/{grid}/stacks/{stack}/services/{service}/scale"] = "service.scale",
        ["POST /v1/grids/{grid}/stacks/{stack}/services/{service}/restart"] = "service.restart",
        ["POST /v1/grids/{grid}/containers/{container}/exec"] = "container.exec",
        ["DELETE /v1/tokens/{token}"] = "token.revoke",
        ["DELETE /v1/users/{user}/tokens/{token}"] = "token.revoke",
        ["PUT /v1/users/{user}/master-admin"] = "role.grant",
        ["DELETE /v1/users/{user}/master-admin"] = "role.revoke",
        ["PUT /v1/grids/{grid}/roles/{user}/{role}"] = "role.grant",
        ["DELETE /v1/grids/{grid}/roles/{user}/{role}"] = "role.revoke",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The action for <paramref name="method"/> on <paramref name="pattern"/> (a route template, or the raw path when no route matched).</summary>
    public static string Of(string method, string? pattern)
    {
        if (pattern is null)
        {
            return "unknown." + method.ToLowerInvariant();
        }
        var normalized = "/" + pattern.Trim('/');
        return s_table.TryGetValue($"{method} {normalized}", out var known) ? known : Derive(method, normalized);
    }

    // /v1/grids/{grid}/stacks/{stack}         PUT    -> stack.update
    // /v1/grids/{grid}/secrets                POST   -> secret.create
    // /v1/grids/{grid}/secrets/{secret}       DELETE -> secret.delete
    // /v1/users/{user}/tokens/{id}/revoke     POST   -> token.revoke
    private static string Derive(string method, string pattern)
    {
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => !s.Equals("v1", StringComparison.OrdinalIgnoreCase)).ToList();
        if (segments.Count == 0)
        {
            return "api." + method.ToLowerInvariant();
        }
        var last = segments[^1];
        if (!IsParameter(last))
        {
            var item = segments.Count >= 2 && IsParameter(segments[^2]) ? Previous(segments, segments.Count - 2) : null;
            if (item is not null && !IsPlural(last))
            {
                // A verb after an item: /services/{service}/scale.
                return $"{Singular(item)}.{Word(last)}";
            }
            // A collection: POST creates in it; other methods act on it as a whole.
            return $"{Singular(last)}.{Verb(method, collection: true)}";
        }
        var kind = Previous(segments, segments.Count - 1) ?? Word(last.Trim('{', '}'));
        return $"{Singular(kind)}.{Verb(method, collection: false)}";
    }

    private static string? Previous(List<string> segments, int parameterIndex) =>
        parameterIndex > 0 && !IsParameter(segments[parameterIndex - 1]) ? segments[parameterIndex - 1] : null;

    // "secrets" is a collection (POST creates in it); "scale" or "rotate-token" is a verb.
    private static bool IsPlural(string segment) =>
        segment.EndsWith('s') && !segment.EndsWith("ss", StringComparison.Ordinal) && !segment.EndsWith("us", StringComparison.Ordinal);

    private static bool IsParameter(string segment) => segment.StartsWith('{');

    private static string Verb(string method, bool collection) => method.ToUpperInvariant() switch
    {
        "POST" => collection ? "create" : "update",
        "PUT" => "update",
        "PATCH" => "update",
        "DELETE" => "delete",
        _ => method.ToLowerInvariant(),
    };

    private static string Word(string segment) => segment.ToLowerInvariant();

    private static string Singular(string segment)
    {
        var word = Word(segment);
        return word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
            : word.EndsWith("sses", StringComparison.Ordinal) ? word[..^2]
            : word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
            : word;
    }
}
