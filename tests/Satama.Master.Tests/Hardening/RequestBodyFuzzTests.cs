using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Satama.Master.Tests.Hardening;

/// <summary>
/// Random and mutated JSON bodies to every POST, PUT and PATCH route of the app's endpoint table
/// (so routes added later are covered without touching this test): never a 5xx, and every 4xx a
/// problem document with a message. Each case goes over HTTP/1.1 or HTTP/2, with a Content-Length or
/// streamed without one (chunked, or bare DATA frames), since the body limit must hold for all four.
/// Seeded: a failure names its case and replays.
/// </summary>
public sealed class RequestBodyFuzzTests(MasterFixture fixture, ITestOutputHelper output) : IClassFixture<MasterFixture>
{
    private const int Seed = 7_2026;
    private const int Cases = 300;

    [Fact]
    public async Task Random_and_mutated_bodies_never_cause_a_server_error_and_every_refusal_says_why()
    {
        var master = fixture.Master;
        var routes = MutatingRoutes(master);
        Assert.NotEmpty(routes);
        var grid = (await master.NewGridAsync()).Name;
        await master.Client.CreateServiceAsync(grid, new ServiceCreateRequest("web", "nginx"));
        var random = new Random(Seed);
        using var http = master.RawHttp();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();

        for (var i = 0; i < Cases; i++)
        {
            var route = routes[random.Next(routes.Count)];
            var path = Path(route.Pattern, grid, random);
            var body = Body(route.BodyType, random);
            var version = random.Next(2) == 0 ? HttpVersion.Version11 : HttpVersion.Version20;
            var sized = random.Next(2) == 0;
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path.TrimStart('/'))
            {
                Version = version,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = sized ? new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } } : new UnsizedContent(body),
            };
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var shown = Encoding.UTF8.GetString(body);
            var framing = $"HTTP/{version} {(sized ? "sized" : "streamed")}";
            var label = $"case {i}: {framing} {route.Method} {path} {(shown.Length > 200 ? shown[..200] + "…" : shown)} -> {status}";
            if (body.Length > 1024 * 1024 && status < 400)
            {
                failures.Add($"{label[..Math.Min(label.Length, 300)]}: a body over 1 MiB was accepted");
            }
            else if (status >= 500)
            {
                failures.Add($"{label}: {await response.Content.ReadAsStringAsync()}");
            }
            else if (status >= 400 && !await IsProblemWithMessageAsync(response))
            {
                failures.Add($"{label}: not a problem document with a message");
            }
        }

        output.WriteLine($"{routes.Count} routes: {string.Join(", ", routes.Select(r => $"{r.Method} {r.Pattern.RawText}"))}");
        output.WriteLine("statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True((await master.Client.VerifyAuditAsync()).Ok);
    }

    private static List<Route> MutatingRoutes(TestMaster master) =>
        [.. master.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => HttpMethods.IsPost(m) || HttpMethods.IsPut(m) || HttpMethods.IsPatch(m))
                .Select(m => new Route(m, e.RoutePattern, e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)))
            .OrderBy(r => r.Pattern.RawText, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];

    // Mostly names that exist (so the body is what gets tested), sometimes strangers and junk.
    private static string Path(RoutePattern pattern, string grid, Random random)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(RouteValue(parameter.Name, grid, random)),
                    _ => "",
                });
            }
            segments.Add(text.ToString());
        }
        return "/" + string.Join('/', segments);
    }

    private static string RouteValue(string name, string grid, Random random) => random.Next(10) switch
    {
        // Kestrel itself refuses a NUL in the path (a bare 400 before the app): keep those out.
        0 => Junk(random).Replace("\0", "", StringComparison.Ordinal) is { Length: > 0 } junk ? junk : "j",
        1 => "other-" + random.Next(100).ToString(CultureInfo.InvariantCulture),
        _ => name switch
        {
            "grid" => grid,
            "stack" => "null",
            "service" => "web",
            "container" => $"{grid}.null.web-1",
            _ => "x" + random.Next(10).ToString(CultureInfo.InvariantCulture),
        },
    };

    private static byte[] Body(Type? type, Random random)
    {
        var valid = type is null ? new JsonObject() : Sample(type, random, 0);
        var choice = random.Next(13);
        string text = choice switch
        {
            0 => RandomJson(random, 0)?.ToJsonString() ?? "null",
            1 => Mutate(valid, random).ToJsonString(),
            2 => Truncate(valid?.ToJsonString() ?? "{}", random),
            3 => Junk(random),
            4 => "",
            5 => DuplicateFirstProperty(valid?.ToJsonString() ?? "{}"),
            6 => new string('[', random.Next(1, 2000)) + new string(']', random.Next(0, 2000)),
            // Over the 1 MiB limit: refused however it is framed.
            12 => "{\"name\":\"" + new string('a', 1024 * 1024 + random.Next(1, 64 * 1024)) + "\"}",
            7 or 8 => valid?.ToJsonString() ?? "null",
            _ => Mutate(valid, random).ToJsonString(),
        };
        return Encoding.UTF8.GetBytes(text);
    }

    // A plausible value of the request type: what a real client would send.
    private static JsonNode? Sample(Type type, Random random, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return random.Next(4) == 0 ? Junk(random) : "n" + random.Next(1000).ToString(CultureInfo.InvariantCulture);
        }
        if (type == typeof(int) || type == typeof(long))
        {
            return random.Next(-2, 6);
        }
        if (type == typeof(bool))
        {
            return random.Next(2) == 0;
        }
        if (type == typeof(double))
        {
            return random.NextDouble();
        }
        if (depth > 4)
        {
            return null;
        }
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var args = type.GetGenericArguments();
            if (args.Length == 2)
            {
                var map = new JsonObject();
                for (var i = random.Next(3); i > 0; i--)
                {
                    map["K" + i.ToString(CultureInfo.InvariantCulture)] = Sample(args[1], random, depth + 1);
                }
                return map;
            }
            var array = new JsonArray();
            for (var i = random.Next(3); i > 0; i--)
            {
                array.Add(Sample(args[0], random, depth + 1));
            }
            return array;
        }
        var obj = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            if (property.Name == "EqualityContract")
            {
                continue;
            }
            obj[SatamaClient.Json.PropertyNamingPolicy!.ConvertName(property.Name)] = Sample(property.PropertyType, random, depth + 1);
        }
        return obj;
    }

    private static JsonNode Mutate(JsonNode? valid, Random random)
    {
        if (valid is not JsonObject obj || obj.Count == 0)
        {
            return RandomJson(random, 0) ?? new JsonObject();
        }
        var copy = (JsonObject)obj.DeepClone();
        var keys = copy.Select(p => p.Key).ToList();
        var key = keys[random.Next(keys.Count)];
        switch (random.Next(6))
        {
            case 0:
                copy.Remove(key);
                break;
            case 1:
                copy["unexpected" + random.Next(100).ToString(CultureInfo.InvariantCulture)] = RandomJson(random, 1);
                break;
            case 2:
                copy[key] = RandomJson(random, 1);
                break;
            case 3:
                copy[key] = random.Next(2) == 0 ? long.MaxValue : -1;
                break;
            case 4:
                copy[key] = new string('x', random.Next(100, 5000));
                break;
            default:
                copy[key] = null;
                break;
        }
        return copy;
    }

    private static JsonNode? RandomJson(Random random, int depth) => random.Next(depth > 3 ? 5 : 8) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.Next(int.MinValue, int.MaxValue),
        3 => random.NextDouble() * 1e300,
        4 => Junk(random),
        5 => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, random.Next(4)).Select(i =>
            KeyValuePair.Create(random.Next(3) == 0 ? "name" + i.ToString(CultureInfo.InvariantCulture) : Junk(random) + i.ToString(CultureInfo.InvariantCulture), RandomJson(random, depth + 1)))),
    };

    private static string Junk(Random random)
    {
        const string Alphabet = "aZ09-_./\\%{}[]\":, \u00e9\u4e2d\u0000\t\n'";
        var chars = new char[random.Next(1, 40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }
        return new string(chars);
    }

    private static string Truncate(string json, Random random) => json.Length <= 1 ? "{" : json[..random.Next(1, json.Length)];

    private static string DuplicateFirstProperty(string json)
    {
        var node = JsonNode.Parse(json);
        if (node is not JsonObject obj || obj.Count == 0)
        {
            return "{\"a\":1,\"a\":2}";
        }
        var first = obj.First();
        var inner = json.TrimStart('{');
        return $"{{\"{first.Key}\":{first.Value?.ToJsonString() ?? "null"},{inner}";
    }

    private static async Task<bool> IsProblemWithMessageAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(SatamaClient.Json);
        return !string.IsNullOrWhiteSpace(problem?.Detail) || !string.IsNullOrWhiteSpace(problem?.Title);
    }

    private sealed record Route(string Method, RoutePattern Pattern, Type? BodyType);
}
