using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Hardening;

public sealed class HardeningTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task A_body_over_one_MiB_is_refused_with_413_and_creates_nothing()
    {
        using var http = Http();
        var name = new string('a', 1024 * 1024 + 10);

        using var response = await http.PostAsync("v1/grids", new StringContent($"{{\"name\":\"{name}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 1024 KiB", (await ProblemAsync(response)).Detail);
    }

    [Fact]
    public async Task A_chunked_body_over_one_MiB_is_refused_with_413()
    {
        using var http = Http();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/grids") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_HTTP2_body_streamed_without_Content_Length_over_one_MiB_is_refused_with_413_and_creates_nothing()
    {
        using var http = Http();
        var name = "h2-" + new string('a', 2 * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/grids")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new UnsizedContent(Encoding.UTF8.GetBytes($"{{\"name\":\"{name}\"}}")),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 1024 KiB", (await ProblemAsync(response)).Detail);
    }

    [Fact]
    public async Task An_HTTP2_body_streamed_without_Content_Length_under_the_limit_is_read_normally()
    {
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/grids")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new UnsizedContent(Encoding.UTF8.GetBytes("{\"name\":\"Not_Valid\"" + new string(' ', 1000 * 1024) + "}")),
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("grid name 'Not_Valid' is invalid", (await ProblemAsync(response)).Detail);
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read_normally()
    {
        using var http = Http();
        var padding = new string(' ', 1000 * 1024);

        using var response = await http.PostAsync("v1/grids", new StringContent("{\"name\":\"Not_Valid\"" + padding + "}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("grid name 'Not_Valid' is invalid", (await ProblemAsync(response)).Detail);
    }

    [Theory]
    [InlineData("v1/grids", "{\"name\":\"x\",\"sbunet\":\"10.0.0.0/16\"}", "sbunet")]
    [InlineData("v1/grids", "{\"name\":\"x\",\"Sbunet\":{\"deep\":[1,2]}}", "Sbunet")]
    [InlineData("v1/grids/{grid}/services", "{\"name\":\"web\",\"image\":\"nginx\",\"replicas\":3}", "replicas")]
    [InlineData("v1/grids/{grid}/services", "{\"name\":\"web\",\"image\":\"nginx\",\"ports\":[{\"hostPort\":80,\"containerPort\":80,\"proto\":\"tcp\"}]}", "proto")]
    [InlineData("v1/grids/{grid}/stacks/null/services/web/scale", "{\"instances\":2,\"force\":true}", "force")]
    public async Task An_unknown_property_is_a_400_naming_it(string path, string body, string property)
    {
        using var http = Http();
        var grid = await Master.NewGridAsync();

        using var response = await http.PostAsync(path.Replace("{grid}", grid.Name, StringComparison.Ordinal), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"unknown property '{property}' in the request body; properties: ", (await ProblemAsync(response)).Detail);
        Assert.Empty(await Master.Client.ListServicesAsync(grid.Name));
    }

    [Fact]
    public async Task A_duplicated_property_is_a_400()
    {
        using var http = Http();

        using var response = await http.PostAsync("v1/grids", new StringContent("{\"name\":\"dup-a\",\"name\":\"dup-b\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("property 'name' appears more than once in the request body", (await ProblemAsync(response)).Detail);
        Assert.DoesNotContain((await Master.Client.ListGridsAsync()).Select(g => g.Name), n => n.StartsWith("dup-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GET", "v1/grids/Bad_Grid", "grid name 'Bad_Grid' is invalid")]
    [InlineData("DELETE", "v1/grids/a.b", "grid name 'a.b' is invalid")]
    [InlineData("GET", "v1/grids/{grid}/nodes/a%2Fb", "node name")]
    [InlineData("GET", "v1/grids/{grid}/stacks/UP/services/web", "stack name 'UP' is invalid")]
    [InlineData("DELETE", "v1/grids/{grid}/stacks/null/services/{long}", "longer than 63 characters")]
    [InlineData("POST", "v1/grids/{grid}/containers/a%5Cb/exec", "container 'a\\b' is invalid")]
    [InlineData("GET", "v1/grids/{grid}/containers/x..y/logs", "container 'x..y' is invalid")]
    [InlineData("GET", "v1/grids/{grid}/containers/{long}{long}{long}/logs", "longer than 128 characters")]
    public async Task Bad_names_in_the_route_are_400_before_any_endpoint_runs(string method, string path, string expected)
    {
        using var http = Http();
        var grid = await Master.NewGridAsync();
        var url = path.Replace("{grid}", grid.Name, StringComparison.Ordinal).Replace("{long}", new string('a', 64), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new ExecRequest(["ls"]), options: SatamaClient.Json);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await ProblemAsync(response)).Detail);
    }

    [Fact]
    public async Task Container_names_with_dots_stay_valid_route_values()
    {
        var grid = await Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.ExecAsync(grid.Name, $"{grid.Name}.null.web-1", new ExecRequest(["ls"])));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }

    private HttpClient Http() => Master.RawHttp();

    private static async Task<ProblemDto> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDto>(SatamaClient.Json))!;
    }
}
