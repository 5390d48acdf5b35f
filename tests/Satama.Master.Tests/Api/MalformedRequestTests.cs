using System.Net;
using System.Net.Http.Json;
using System.Text;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Api;

public sealed class MalformedRequestTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private HttpClient Http() => fixture.Master.RawHttp();

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"name\": 42}")]
    [InlineData("[]")]
    [InlineData("{\"name\": \"x\", \"subnet\": {}}")]
    public async Task Malformed_JSON_is_a_bad_request_with_a_message(string body)
    {
        using var http = Http();

        using var response = await http.PostAsync("v1/grids", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(SatamaClient.Json);
        Assert.Contains("malformed JSON", problem!.Detail);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{\"name\": \"web\", \"image\": \"nginx\", \"instances\": 99999999999}")]
    [InlineData("{\"name\": \"web\", \"image\": \"nginx\", \"ports\": [{\"hostPort\": \"eighty\"}]}")]
    [InlineData("{\"name\": \"web\", \"image\": \"nginx\", \"env\": {\"A\": null}}")]
    public async Task Service_bodies_the_master_cannot_use_are_bad_requests_and_create_nothing(string body)
    {
        using var http = Http();
        var grid = await fixture.Master.NewGridAsync();

        using var response = await http.PostAsync($"v1/grids/{grid.Name}/services", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(SatamaClient.Json);
        Assert.False(string.IsNullOrEmpty(problem!.Detail));
        Assert.Empty(await fixture.Master.Client.ListServicesAsync(grid.Name));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_content_is_refused_with_a_problem()
    {
        using var http = Http();

        using var response = await http.PostAsync("v1/grids", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_missing_body_is_a_bad_request()
    {
        using var http = Http();
        var grid = await fixture.Master.NewGridAsync();

        using var response = await http.PostAsync($"v1/grids/{grid.Name}/services", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await fixture.Master.Client.ListServicesAsync(grid.Name));
    }

    [Fact]
    public async Task A_body_without_required_fields_lists_what_is_missing()
    {
        using var http = Http();
        var grid = await fixture.Master.NewGridAsync();

        using var response = await http.PostAsync($"v1/grids/{grid.Name}/services", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(SatamaClient.Json);
        Assert.Contains("service name is empty", problem!.Detail);
        Assert.Contains("image is empty", problem.Detail);
    }

    [Fact]
    public async Task An_unknown_route_is_a_problem_document()
    {
        using var http = Http();

        using var response = await http.GetAsync("v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_routes()
    {
        using var http = Http();

        var document = await http.GetStringAsync("openapi/v1.json");

        Assert.Contains("/v1/grids/{grid}/services", document);
        Assert.Contains("/v1/info", document);
    }
}
