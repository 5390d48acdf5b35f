using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Satama.Client;
using YamlDotNet.Serialization;

namespace Satama.Cli.Output;

/// <summary>
/// Serializes results for scripts. YAML is made from the JSON tree, so both formats have exactly
/// the REST API's shape and names (camelCase, ISO-8601 times) and YamlDotNet never sees DTO types.
/// </summary>
internal static class StructuredText
{
    private static readonly JsonSerializerOptions s_json = new(SatamaClient.Json) { WriteIndented = true };

    // Strings such as "null", "true" or "8080" are quoted, so a stack named null stays a string.
    private static readonly ISerializer s_yaml = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    public static string ToJson(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), s_json);

    public static string ToYaml(object? value)
    {
        var node = JsonSerializer.SerializeToNode(value, value?.GetType() ?? typeof(object), SatamaClient.Json);
        return s_yaml.Serialize(Plain(node));
    }

    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => Plain(p.Value)),
        JsonArray a => a.Select(Plain).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => null,
        },
        _ => null,
    };
}
