using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Services;

/// <summary>Mistakes get a clear answer naming what is wrong, and change nothing.</summary>
[Collection(EngineCollection.Name)]
public sealed class BadInputTests(MasterProcess master)
{
    [Fact]
    public async Task An_unknown_grid_is_refused_naming_the_grids_that_exist()
    {
        var grid = UniqueNames.Next("g");
        await master.Client.CreateGridAsync(new GridCreateRequest(grid));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => master.Client.ListServicesAsync("no-such-grid"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("no-such-grid", error.Message);
        Assert.Contains(grid, error.Message);
    }

    [Fact]
    public async Task Invalid_service_requests_are_refused_with_every_problem_and_create_nothing()
    {
        var grid = UniqueNames.Next("g");
        await master.Client.CreateGridAsync(new GridCreateRequest(grid));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() =>
            master.Client.CreateServiceAsync(grid, new ServiceCreateRequest("Bad_Name", "NOT AN IMAGE", -2)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("Bad_Name", error.Message);
        Assert.Contains("NOT AN IMAGE", error.Message);
        Assert.Contains("-2", error.Message);
        Assert.Empty(await master.Client.ListServicesAsync(grid));
    }

    [Fact]
    public async Task A_negative_scale_is_refused_and_the_service_keeps_its_size()
    {
        var grid = UniqueNames.Next("g");
        await master.Client.CreateGridAsync(new GridCreateRequest(grid));
        await master.Client.CreateServiceAsync(grid, new ServiceCreateRequest("web", TestImages.Busybox, 2));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => master.Client.ScaleServiceAsync(grid, "null", "web", -1));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(2, (await master.Client.GetServiceAsync(grid, "null", "web")).Instances);
        await master.Client.DeleteServiceAsync(grid, "null", "web");
    }

    [Fact]
    public async Task An_unknown_service_is_refused_naming_the_services_that_exist()
    {
        var grid = UniqueNames.Next("g");
        await master.Client.CreateGridAsync(new GridCreateRequest(grid));
        await master.Client.CreateServiceAsync(grid, new ServiceCreateRequest("api", TestImages.Busybox, 0));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => master.Client.GetServiceAsync(grid, "null", "nope"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("nope", error.Message);
        Assert.Contains("api", error.Message);
        await master.Client.DeleteServiceAsync(grid, "null", "api");
    }

    [Fact]
    public async Task A_grid_with_services_cannot_be_removed_and_says_which()
    {
        var grid = UniqueNames.Next("g");
        await master.Client.CreateGridAsync(new GridCreateRequest(grid));
        await master.Client.CreateServiceAsync(grid, new ServiceCreateRequest("keeper", TestImages.Busybox, 0));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => master.Client.DeleteGridAsync(grid));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("keeper", error.Message);
        await master.Client.DeleteServiceAsync(grid, "null", "keeper");
        await master.Client.DeleteGridAsync(grid);
    }
}
