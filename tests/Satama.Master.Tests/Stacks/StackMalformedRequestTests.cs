using System.Net;
using System.Net.Http.Json;
using System.Text;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Stacks;

public sealed class StackMalformedRequestTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private HttpClient Http() => fixture.Master.RawHttp();

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"file\": \"a.yml\"}")]
    [InlineData("{\"file\": \"a.yml\", \"text\": 42}")]
    [InlineData("{\"file\": \"a.yml\", \"text\": \"name: a\\nservices: {web: {image: busybox}}\", \"variables\": [1]}")]
    [InlineData("{\"file\": \"a.yml\", \"text\": \"\\t: [\"}")]
    public async Task Bodies_the_master_cannot_use_are_bad_requests_and_install_nothing(string body)
    {
        using var http = Http();
        var grid = await fixture.Master.NewGridAsync();

        using var response = await http.PostAsync($"v1/grids/{grid.Name}/stacks", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDto>(SatamaClient.Json);
        Assert.False(string.IsNullOrEmpty(problem!.Detail));
        Assert.Empty(await fixture.Master.Client.ListStacksAsync(grid.Name));
        Assert.Empty(await fixture.Master.Client.ListServicesAsync(grid.Name));
    }

    [Fact]
    public async Task A_rollback_without_a_body_goes_back_one_revision()
    {
        using var http = Http();
        var grid = (await fixture.Master.NewGridAsync()).Name;
        var client = fixture.Master.Client;
        await client.InstallStackAsync(grid, new StackFileRequest("a.yml", "name: a\nservices:\n  web:\n    image: busybox\n    environment: {V: '1'}\n"));
        await client.UpgradeStackAsync(grid, "a", new StackFileRequest("a.yml", "name: a\nservices:\n  web:\n    image: busybox\n    environment: {V: '2'}\n"));

        using var response = await http.PostAsync($"v1/grids/{grid}/stacks/a/rollback", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", (await client.GetServiceAsync(grid, "a", "web")).Env["V"]);
    }
}
