using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Services;

/// <summary>Restarting the agent or the master creates no duplicates and loses no state.</summary>
[Collection(EngineCollection.Name)]
public sealed class RestartSurvivalTests(MasterProcess master)
{
    [Fact]
    public async Task A_killed_and_restarted_agent_adopts_its_containers_without_duplicates()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 3, Command: TestImages.HttpdCommand));
        await client.UntilRunningAsync(agent.Grid, "web", 3);
        var before = await ContainerIdsAsync(agent.Grid);

        await agent.StopProcessAsync(kill: true);
        Assert.Equal(before, await ContainerIdsAsync(agent.Grid));
        await agent.StartProcessAsync();
        await client.UntilRunningAsync(agent.Grid, "web", 3);

        Assert.Equal(before, await ContainerIdsAsync(agent.Grid));
    }

    [Fact]
    public async Task Killing_the_master_leaves_containers_running_and_a_restarted_master_has_the_same_state()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 2, Command: TestImages.HttpdCommand, Env: new Dictionary<string, string> { ["MODE"] = "e2e" }));
        await client.UntilRunningAsync(agent.Grid, "web", 2);
        var before = await ContainerIdsAsync(agent.Grid);

        await master.RestartAsync(kill: true);

        client = master.Client;
        var service = await client.UntilRunningAsync(agent.Grid, "web", 2);
        Assert.Equal("e2e", service.Env["MODE"]);
        Assert.Equal(before, await ContainerIdsAsync(agent.Grid));
        await Eventually.ValueAsync(() => client.ListNodesAsync(agent.Grid), n => n.Count == 1 && n[0].Online, "the agent to reconnect");

        await client.ScaleServiceAsync(agent.Grid, "null", "web", 3);
        await client.UntilRunningAsync(agent.Grid, "web", 3);
    }

    private static async Task<string> ContainerIdsAsync(string grid)
    {
        var result = await Shell.DockerAsync("ps", "-a", "--no-trunc", "--filter", $"label=io.satama.grid={grid}", "--format", "{{.Names}}={{.ID}}:{{.State}}");
        return string.Join(" ", result.EnsureSuccess("docker ps").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }
}
