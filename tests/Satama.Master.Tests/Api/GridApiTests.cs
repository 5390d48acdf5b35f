using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;

namespace Satama.Master.Tests.Api;

public sealed class GridApiTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private SatamaClient Client => fixture.Master.Client;

    [Fact]
    public async Task Creating_a_grid_gives_a_token_a_default_subnet_and_a_join_command()
    {
        var name = UniqueNames.Next("g");

        var grid = await Client.CreateGridAsync(new GridCreateRequest(name));

        Assert.Equal(name, grid.Name);
        Assert.Equal("10.90.0.0/16", grid.Subnet);
        // 32 random bytes in base64url (43 characters), with a "t" in front of one that would start with '-' or '_'.
        Assert.InRange(grid.Token.Length, 43, 44);
        Assert.True(char.IsAsciiLetterOrDigit(grid.Token[0]), grid.Token);
        Assert.Equal($"satama agent start --master {fixture.Master.Server.Url.GetLeftPart(UriPartial.Authority)} --grid-token {grid.Token} --ca-fingerprint {fixture.Master.Server.CaFingerprint}",
            grid.JoinCommand);
        Assert.Empty(grid.Nodes);
        Assert.Empty(grid.Services);
    }

    [Fact]
    public async Task Grids_get_different_tokens()
    {
        var first = await fixture.Master.NewGridAsync();
        var second = await fixture.Master.NewGridAsync();

        Assert.NotEqual(first.Token, second.Token);
    }

    [Fact]
    public async Task A_grid_can_have_its_own_subnet()
    {
        var grid = await Client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g"), "10.20.0.0/16"));

        Assert.Equal("10.20.0.0/16", (await Client.GetGridAsync(grid.Name)).Subnet);
    }

    [Fact]
    public async Task Listing_shows_created_grids_with_counts()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx:1.27"));

        var listed = Assert.Single(await Client.ListGridsAsync(), g => g.Name == grid.Name);

        Assert.Equal(1, listed.Services);
        Assert.Equal(0, listed.Nodes);
    }

    [Fact]
    public async Task A_duplicate_grid_is_a_conflict()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateGridAsync(new GridCreateRequest(grid.Name)));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("already exists", error.Detail);
    }

    [Fact]
    public async Task An_invalid_name_and_subnet_are_both_reported()
    {
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateGridAsync(new GridCreateRequest("Bad_Name", "300.1.0.0/16")));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("grid name 'Bad_Name' is invalid", error.Detail);
        Assert.Contains("subnet '300.1.0.0/16'", error.Detail);
    }

    [Fact]
    public async Task An_unknown_grid_is_not_found_and_the_answer_lists_the_grids()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.GetGridAsync("nope"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.StartsWith("grid 'nope' not found; grids: ", error.Detail);
        Assert.Contains(grid.Name, error.Detail);
    }

    [Fact]
    public async Task Removing_an_empty_grid_works_and_it_is_gone()
    {
        var grid = await fixture.Master.NewGridAsync();

        await Client.DeleteGridAsync(grid.Name);

        Assert.DoesNotContain(grid.Name, (await Client.ListGridsAsync()).Select(g => g.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SatamaApiException>(() => Client.DeleteGridAsync(grid.Name))).Status);
    }

    [Fact]
    public async Task Removing_a_grid_with_services_is_refused_and_names_them()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("api", "nginx", Stack: "shop"));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.DeleteGridAsync(grid.Name));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("web", error.Detail);
        Assert.Contains("shop/api", error.Detail);
        Assert.Equal(grid.Name, (await Client.GetGridAsync(grid.Name)).Name);
    }

    [Fact]
    public async Task Removing_a_grid_with_secrets_is_refused_so_a_new_grid_of_that_name_cannot_inherit_them()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.WriteSecretAsync(grid.Name, "DB_PASSWORD", "value");

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.DeleteGridAsync(grid.Name));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("DB_PASSWORD", error.Detail);
        await Client.DeleteSecretAsync(grid.Name, "DB_PASSWORD");
        await Client.DeleteGridAsync(grid.Name);
    }

    [Fact]
    public async Task Nodes_of_an_unknown_grid_are_not_found()
    {
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.ListNodesAsync("missing-grid"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("grid 'missing-grid' not found", error.Detail);
    }
}
