using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Stacks;

public sealed partial class StackApiTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private const string Shop = """
        name: shop
        services:
          web:
            image: satama-test/busybox:latest
            command: httpd -f -p 8080 -h /www
            deploy:
              replicas: 2
            depends_on: [api]
          api:
            image: satama-test/busybox:latest
            command: ["sh", "-c", "while true; do echo api; sleep 1; done"]
            environment:
              MODE: ${MODE:-prod}
            depends_on: [worker]
          worker:
            image: satama-test/busybox:latest
            command: ["sh", "-c", "while true; do echo work; sleep 1; done"]
        """;

    private SatamaClient Client => fixture.Master.Client;

    private static StackFileRequest File(string text, string? name = null, Dictionary<string, string>? variables = null,
        Dictionary<string, string>? generated = null, Dictionary<string, string>? files = null, Dictionary<string, string>? environment = null) =>
        new("shop.yml", text, name, files, variables, generated, environment);

    [Fact]
    public async Task Install_creates_every_service_of_the_stack_in_start_order_at_revision_1()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;

        var result = await Client.InstallStackAsync(grid, File(Shop));

        Assert.Equal("shop", result.Name);
        Assert.Equal(1, result.Revision);
        Assert.Equal(["worker", "api", "web"], result.Changes.Select(c => c.Service));
        Assert.All(result.Changes, c => Assert.Equal("added", c.Change));
        var stack = await Client.GetStackAsync(grid, "shop");
        Assert.Equal(1, stack.Revision);
        Assert.Equal("shop.yml", stack.File);
        Assert.Equal("admin", stack.Author);
        Assert.Equal("deploying", stack.State);
        Assert.Equal(["worker", "api", "web"], stack.Services.Select(s => s.Name));
        Assert.All(stack.Services, s => Assert.Equal("shop", s.Stack));
        var web = await Client.GetServiceAsync(grid, "shop", "web");
        Assert.Equal(2, web.Instances);
        Assert.Equal(["httpd", "-f", "-p", "8080", "-h", "/www"], web.Command);
        Assert.Equal("prod", (await Client.GetServiceAsync(grid, "shop", "api")).Env["MODE"]);
        var listed = Assert.Single(await Client.ListStacksAsync(grid));
        Assert.Equal("shop", listed.Name);
        var revision = Assert.Single(await Client.StackRevisionsAsync(grid, "shop"));
        Assert.Equal((1L, "install", "admin"), (revision.Revision, revision.Action, revision.Author));
        Assert.Equal(["worker", "api", "web"], revision.Services);
    }

    [Fact]
    public async Task An_invalid_file_is_refused_with_every_error_and_its_position_and_nothing_is_created()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        const string text = """
            name: shop
            servics: {}
            services:
              web:
                image: busybox
                ports: ["80:80", "nope"]
              api:
                image: busybox
                depends_on: [db]
            """;

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync(grid, File(text)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        var lines = error.Detail!.Split('\n');
        Assert.True(lines.Length >= 3, error.Detail);
        Assert.Contains(lines, l => l.StartsWith("shop.yml:2:1: servics: unknown top-level key `servics`", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("shop.yml:6:", StringComparison.Ordinal) && l.Contains("services.web.ports[1]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("shop.yml:9:", StringComparison.Ordinal) && l.Contains("db", StringComparison.Ordinal));
        Assert.Empty(await Client.ListStacksAsync(grid));
        Assert.Empty(await Client.ListServicesAsync(grid));
    }

    [Fact]
    public async Task A_service_the_platform_refuses_fails_the_whole_install()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        const string text = """
            name: shop
            services:
              good:
                image: busybox
              Bad_Name:
                image: busybox
            """;

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync(grid, File(text)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("Bad_Name", error.Detail);
        Assert.Empty(await Client.ListServicesAsync(grid));
        Assert.Empty(await Client.ListStacksAsync(grid));
    }

    [Fact]
    public async Task Installing_a_name_taken_is_a_conflict_and_changes_nothing()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync(grid, File(Shop.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal))));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("stack 'shop' already exists", error.Detail);
        Assert.Equal(2, (await Client.GetServiceAsync(grid, "shop", "web")).Instances);
        Assert.Single(await Client.StackRevisionsAsync(grid, "shop"));
    }

    [Fact]
    public async Task Services_made_by_hand_in_the_stack_block_an_install()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.CreateServiceAsync(grid, new ServiceCreateRequest("web", "busybox", 0, Stack: "shop"));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync(grid, File(Shop)));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Contains("shop/web", error.Detail);
        Assert.Single(await Client.ListServicesAsync(grid));
    }

    [Fact]
    public async Task The_name_option_overrides_the_file_and_null_is_reserved()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;

        var result = await Client.InstallStackAsync(grid, File(Shop, name: "shop2"));
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync(grid, File(Shop, name: "null")));
        var get = await Assert.ThrowsAsync<SatamaApiException>(() => Client.GetStackAsync(grid, "null"));

        Assert.Equal("shop2", result.Name);
        Assert.Equal(3, (await Client.ListServicesAsync(grid)).Count(s => s.Stack == "shop2"));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("reserved", error.Detail);
        Assert.Equal(HttpStatusCode.BadRequest, get.Status);
    }

    [Fact]
    public async Task Unknown_grids_and_stacks_are_not_found_naming_what_exists()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));

        var noGrid = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync("no-such-grid", File(Shop)));
        var noStack = await Assert.ThrowsAsync<SatamaApiException>(() => Client.GetStackAsync(grid, "nope"));
        var noUpgrade = await Assert.ThrowsAsync<SatamaApiException>(() => Client.UpgradeStackAsync(grid, "nope", File(Shop)));

        Assert.Equal(HttpStatusCode.NotFound, noGrid.Status);
        Assert.Equal(HttpStatusCode.NotFound, noStack.Status);
        Assert.Equal($"stack 'nope' not found; stacks in grid '{grid}': shop", noStack.Detail);
        Assert.Equal(HttpStatusCode.NotFound, noUpgrade.Status);
    }

    [Fact]
    public async Task A_request_without_file_or_text_is_a_bad_request()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync(grid, new StackFileRequest("", null!)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("file", error.Detail);
        Assert.Contains("text", error.Detail);
    }
}
