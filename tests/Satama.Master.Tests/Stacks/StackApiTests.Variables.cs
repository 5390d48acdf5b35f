using System.Net;
using Satama.Client;

namespace Satama.Master.Tests.Stacks;

public sealed partial class StackApiTests
{
    private const string Kontena = """
        stack: demo/db
        variables:
          password:
            type: string
            from:
              random_string: 16
          tier:
            type: string
            from:
              prompt: Which tier?
        services:
          db:
            image: satama-test/busybox:latest
            environment:
              PASSWORD: ${password}
              TIER: ${tier}
        """;

    [Fact]
    public async Task A_generated_value_stays_the_same_across_upgrades()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Kontena, variables: new() { ["tier"] = "gold" }, generated: new() { ["password"] = "first-secret-xyz" }));

        var result = await Client.UpgradeStackAsync(grid, "db", File(Kontena, variables: new() { ["tier"] = "gold" }, generated: new() { ["password"] = "other-secret-abc" }));

        Assert.Equal("unchanged", Assert.Single(result.Changes).Change);
        var db = await Client.GetServiceAsync(grid, "db", "db");
        Assert.Equal(("first-secret-xyz", "gold"), (db.Env["PASSWORD"], db.Env["TIER"]));
    }

    [Fact]
    public async Task The_master_generates_what_a_client_did_not_and_keeps_it()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, File(Kontena, variables: new() { ["tier"] = "gold" }));
        var first = (await Client.GetServiceAsync(grid, "db", "db")).Env["PASSWORD"];

        await Client.UpgradeStackAsync(grid, "db", File(Kontena, variables: new() { ["tier"] = "silver" }));

        Assert.Equal(16, first.Length);
        Assert.Equal(first, (await Client.GetServiceAsync(grid, "db", "db")).Env["PASSWORD"]);
    }

    [Fact]
    public async Task A_prompt_variable_without_a_value_names_how_to_pass_it()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync(grid, File(Kontena)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("shop.yml:7:3: variables.tier: variable `tier` has no value and there is no terminal to ask for it: pass it with --var tier=...", error.Detail);
    }

    [Fact]
    public async Task Referenced_files_and_the_environment_come_with_the_request()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        const string text = """
            name: app
            services:
              web:
                image: satama-test/busybox:${TAG}
                env_file: web.env
            """;

        await Client.InstallStackAsync(grid, File(text, files: new() { ["web.env"] = "GREETING=hello\n" }, environment: new() { ["TAG"] = "latest" }));
        var missing = await Assert.ThrowsAsync<SatamaApiException>(() => Client.InstallStackAsync(grid, File(text, name: "app2", environment: new() { ["TAG"] = "latest" })));

        var web = await Client.GetServiceAsync(grid, "app", "web");
        Assert.Equal("satama-test/busybox:latest", web.Image);
        Assert.Equal("hello", web.Env["GREETING"]);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Contains("env_file `web.env` not found", missing.Detail);
    }
}
