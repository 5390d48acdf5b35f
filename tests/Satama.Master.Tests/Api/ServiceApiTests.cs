using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Api;

public sealed class ServiceApiTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private SatamaClient Client => fixture.Master.Client;

    [Fact]
    public async Task A_created_service_shows_its_spec_and_pending_instances_when_no_node_is_online()
    {
        var grid = await fixture.Master.NewGridAsync();

        var service = await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 2,
            new Dictionary<string, string> { ["A"] = "1" }, [new PortDto(8080, 80)], ["nginx", "-g", "daemon off;"], "on-failure"));

        Assert.Equal("null", service.Stack);
        Assert.Equal("nginx:latest", service.Image);
        Assert.Equal(2, service.Instances);
        Assert.Equal(0, service.Running);
        Assert.Equal(1, service.Revision);
        Assert.Equal("on-failure", service.Restart);
        Assert.Equal("1", service.Env["A"]);
        Assert.Equal(new PortDto(8080, 80, "tcp"), Assert.Single(service.Ports));
        Assert.Equal(["web-1", "web-2"], service.InstanceList.Select(i => i.Name));
        Assert.All(service.InstanceList, i => Assert.Equal("pending", i.State));
        Assert.Equal(["web-1: no node online", "web-2: no node online"], service.Problems);
    }

    [Fact]
    public async Task An_invalid_service_is_rejected_with_every_problem_and_nothing_is_created()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name,
            new ServiceCreateRequest("Web_1", "UPPER/Case::bad", -1, Restart: "sometimes")));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("service name 'Web_1' is invalid", error.Detail);
        Assert.Contains("invalid image reference", error.Detail);
        Assert.Contains("instances must be from 0 to 1000, not -1", error.Detail);
        Assert.Contains("restart policy 'sometimes' is invalid", error.Detail);
        Assert.Empty(await Client.ListServicesAsync(grid.Name));
    }

    [Fact]
    public async Task Ports_published_twice_and_out_of_range_are_rejected()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name,
            new ServiceCreateRequest("web", "nginx", Ports: [new PortDto(80, 80), new PortDto(80, 81), new PortDto(70000, 1, "sctp")])));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("host port 80/tcp is published more than once", error.Detail);
        Assert.Contains("out of range", error.Detail);
        Assert.Contains("protocol must be tcp or udp", error.Detail);
    }

    [Fact]
    public async Task Creating_in_an_unknown_grid_is_not_found()
    {
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync("no-such-grid", new ServiceCreateRequest("web", "nginx")));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("grid 'no-such-grid' not found", error.Detail);
    }

    [Fact]
    public async Task A_duplicate_service_is_a_conflict_and_the_first_one_is_unchanged()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "redis", 3)));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        var service = await Client.GetServiceAsync(grid.Name, "null", "web");
        Assert.Equal("nginx:latest", service.Image);
        Assert.Equal(1, service.Instances);
    }

    [Fact]
    public async Task The_same_name_in_another_stack_is_another_service()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));

        var inStack = await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", Stack: "shop"));

        Assert.Equal("shop", inStack.Stack);
        Assert.Equal(2, (await Client.ListServicesAsync(grid.Name)).Count);
    }

    [Fact]
    public async Task An_unknown_service_is_not_found_and_the_answer_lists_the_services()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("db", "postgres", Stack: "shop"));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.GetServiceAsync(grid.Name, "null", "api"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal($"service 'api' not found; services in grid '{grid.Name}': shop/db, web", error.Detail);
    }

    [Fact]
    public async Task Scaling_changes_the_instance_list()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));

        var up = await Client.ScaleServiceAsync(grid.Name, "null", "web", 3);
        var down = await Client.ScaleServiceAsync(grid.Name, "null", "web", 0);

        Assert.Equal(["web-1", "web-2", "web-3"], up.InstanceList.Select(i => i.Name));
        Assert.Equal(0, down.Instances);
        Assert.Empty(down.InstanceList);
        Assert.Empty(down.Problems);
        Assert.Equal(1, down.Revision);
    }

    [Fact]
    public async Task Scaling_to_a_negative_count_is_a_bad_request()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.ScaleServiceAsync(grid.Name, "null", "web", -2));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(1, (await Client.GetServiceAsync(grid.Name, "null", "web")).Instances);
    }

    [Fact]
    public async Task Scaling_an_unknown_service_is_not_found()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.ScaleServiceAsync(grid.Name, "null", "ghost", 2));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("there are no services", error.Detail);
    }

    [Fact]
    public async Task Restarting_bumps_the_revision()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));

        var once = await Client.RestartServiceAsync(grid.Name, "null", "web");
        var twice = await Client.RestartServiceAsync(grid.Name, "null", "web");

        Assert.Equal(2, once.Revision);
        Assert.Equal(3, twice.Revision);
    }

    [Fact]
    public async Task Removing_a_service_makes_it_gone()
    {
        var grid = await fixture.Master.NewGridAsync();
        await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));

        await Client.DeleteServiceAsync(grid.Name, "null", "web");

        Assert.Empty(await Client.ListServicesAsync(grid.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SatamaApiException>(() => Client.DeleteServiceAsync(grid.Name, "null", "web"))).Status);
        await Client.DeleteGridAsync(grid.Name);
    }

    [Fact]
    public async Task An_unknown_container_is_not_found()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.ExecAsync(grid.Name, "web-1", new ExecRequest(["ls"])));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("there are no containers", error.Detail);
    }
}
