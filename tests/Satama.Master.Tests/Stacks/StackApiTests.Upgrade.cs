using System.Net;
using Satama.Client;
using Satama.Client.Dtos;

namespace Satama.Master.Tests.Stacks;

public sealed partial class StackApiTests
{
    [Fact]
    public async Task Upgrade_bumps_only_the_services_whose_spec_changed()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));

        var result = await Client.UpgradeStackAsync(grid, "shop", File(Shop, variables: new() { ["MODE"] = "canary" }));

        Assert.Equal(2, result.Revision);
        Assert.Equal([("worker", "unchanged"), ("api", "changed"), ("web", "unchanged")], result.Changes.Select(c => (c.Service, c.Change)));
        Assert.Equal(["env"], result.Changes.Single(c => c.Service == "api").Fields);
        Assert.Equal(2, (await Client.GetServiceAsync(grid, "shop", "api")).Revision);
        Assert.Equal("canary", (await Client.GetServiceAsync(grid, "shop", "api")).Env["MODE"]);
        Assert.Equal(1, (await Client.GetServiceAsync(grid, "shop", "web")).Revision);
        Assert.Equal(1, (await Client.GetServiceAsync(grid, "shop", "worker")).Revision);
        Assert.Equal(2, (await Client.GetStackAsync(grid, "shop")).Revision);
    }

    [Fact]
    public async Task Upgrade_adds_new_services_removes_dropped_ones_and_scales_without_redeploying()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));
        var text = Shop
            .Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal)
            .Replace("    depends_on: [worker]\n", "", StringComparison.Ordinal)
            .Replace("  worker:", "  cron:", StringComparison.Ordinal);

        var result = await Client.UpgradeStackAsync(grid, "shop", File(text));

        var changes = result.Changes.ToDictionary(c => c.Service, c => c.Change);
        Assert.Equal("scaled", changes["web"]);
        Assert.Equal(["instances"], result.Changes.Single(c => c.Service == "web").Fields);
        Assert.Equal("added", changes["cron"]);
        Assert.Equal("removed", changes["worker"]);
        Assert.Equal("unchanged", changes["api"]);
        var web = await Client.GetServiceAsync(grid, "shop", "web");
        Assert.Equal((3, 1L), (web.Instances, web.Revision));
        var names = (await Client.ListServicesAsync(grid)).Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["api", "cron", "web"], names);
    }

    [Fact]
    public async Task An_invalid_upgrade_changes_nothing()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.UpgradeStackAsync(grid, "shop",
            File(Shop.Replace("replicas: 2", "replicas: two", StringComparison.Ordinal))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal("shop.yml:7:17: services.web.deploy.replicas: expected a whole number, not `two`", error.Detail);
        Assert.Equal(1, (await Client.GetStackAsync(grid, "shop")).Revision);
        Assert.Single(await Client.StackRevisionsAsync(grid, "shop"));
    }

    [Fact]
    public async Task Diff_shows_what_an_upgrade_would_change_and_changes_nothing()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));
        var text = Shop.Replace("httpd -f -p 8080", "httpd -f -p 9090", StringComparison.Ordinal).Replace("replicas: 2", "replicas: 1", StringComparison.Ordinal);

        var diff = await Client.DiffStackAsync(grid, "shop", File(text));

        Assert.Null(diff.Stack);
        Assert.Equal(1, diff.Revision);
        var web = diff.Changes.Single(c => c.Service == "web");
        Assert.Equal("changed", web.Change);
        Assert.Equal(["command", "instances"], web.Fields);
        Assert.All(diff.Changes.Where(c => c.Service != "web"), c => Assert.Equal("unchanged", c.Change));
        Assert.Equal(2, (await Client.GetServiceAsync(grid, "shop", "web")).Instances);
        Assert.Single(await Client.StackRevisionsAsync(grid, "shop"));
    }

    [Fact]
    public async Task Rollback_reapplies_the_previous_revision_as_a_new_one()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));
        await Client.UpgradeStackAsync(grid, "shop", File(Shop, variables: new() { ["MODE"] = "canary" }));

        var result = await Client.RollbackStackAsync(grid, "shop");

        Assert.Equal(3, result.Revision);
        Assert.Equal("changed", result.Changes.Single(c => c.Service == "api").Change);
        var api = await Client.GetServiceAsync(grid, "shop", "api");
        Assert.Equal(("prod", 3L), (api.Env["MODE"], api.Revision));
        Assert.Equal(1, (await Client.GetServiceAsync(grid, "shop", "web")).Revision);
        var history = await Client.StackRevisionsAsync(grid, "shop");
        Assert.Equal([(1L, "install", (long?)null), (2L, "upgrade", null), (3L, "rollback", 1L)], history.Select(h => (h.Revision, h.Action, h.RolledBackTo)));
    }

    [Fact]
    public async Task Rollback_to_a_named_revision_and_its_mistakes()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));

        var nothingBefore = await Assert.ThrowsAsync<SatamaApiException>(() => Client.RollbackStackAsync(grid, "shop"));
        await Client.UpgradeStackAsync(grid, "shop", File(Shop, variables: new() { ["MODE"] = "b" }));
        await Client.UpgradeStackAsync(grid, "shop", File(Shop, variables: new() { ["MODE"] = "c" }));
        var unknown = await Assert.ThrowsAsync<SatamaApiException>(() => Client.RollbackStackAsync(grid, "shop", 9));
        var result = await Client.RollbackStackAsync(grid, "shop", 2);

        Assert.Equal(HttpStatusCode.BadRequest, nothingBefore.Status);
        Assert.Contains("no earlier revision", nothingBefore.Detail);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("revision '9' not found; revisions in stack 'shop': 1, 2, 3", unknown.Detail);
        Assert.Equal(4, result.Revision);
        Assert.Equal("b", (await Client.GetServiceAsync(grid, "shop", "api")).Env["MODE"]);
    }

    [Fact]
    public async Task Remove_deletes_every_service_then_the_stack_and_its_history()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Shop));
        await Client.CreateServiceAsync(grid, new ServiceCreateRequest("standalone", "busybox", 0));

        await Client.DeleteStackAsync(grid, "shop");

        Assert.Equal(["standalone"], (await Client.ListServicesAsync(grid)).Select(s => s.Name));
        Assert.Empty(await Client.ListStacksAsync(grid));
        var gone = await Assert.ThrowsAsync<SatamaApiException>(() => Client.StackRevisionsAsync(grid, "shop"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        await Client.InstallStackAsync(grid, File(Shop));
        Assert.Single(await Client.StackRevisionsAsync(grid, "shop"));
    }
}
