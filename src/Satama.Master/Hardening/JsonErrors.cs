using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Satama.Client;

namespace Satama.Master.Hardening;

/// <summary>
/// Says what is wrong with a request body in the API's words: an unknown or repeated property by
/// name (with the properties there are), not the serializer's .NET type names. Anything else keeps
/// the parser's message. System.Text.Json has no typed error for these, so this reads its message;
/// should the wording change, the fallback is the message as it is.
/// </summary>
internal static partial class JsonErrors
{
    [GeneratedRegex("^The JSON property '(?<name>.*)' could not be mapped to any .NET member contained in type '(?<type>[^']*)'")]
    private static partial Regex Unmapped();

    [GeneratedRegex("^Duplicate property '(?<name>.*)' encountered during deserialization of type '(?<type>[^']*)'")]
    private static partial Regex Duplicate();

    public static string Describe(JsonException json)
    {
        var message = json.Message;
        if (Unmapped().Match(message) is { Success: true } unmapped)
        {
            var known = Properties(unmapped.Groups["type"].Value);
            return $"unknown property '{Bounded(unmapped.Groups["name"].Value)}' in the request body" + (known is null ? "" : $"; properties: {known}");
        }
        if (Duplicate().Match(message) is { Success: true } duplicate)
        {
            return $"property '{Bounded(duplicate.Groups["name"].Value)}' appears more than once in the request body";
        }
        return $"malformed JSON in the request body: {message}";
    }

    // Request types are Client DTOs; their JSON names are the camelCase property names.
    private static string? Properties(string typeName)
    {
        var type = typeof(SatamaClient).Assembly.GetType(typeName);
        if (type is null)
        {
            return null;
        }
        var names = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .Select(p => SatamaClient.Json.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name)
            .ToList();
        return names.Count == 0 ? null : string.Join(", ", names);
    }

    private static string Bounded(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
