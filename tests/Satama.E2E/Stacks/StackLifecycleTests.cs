using System.Runtime.CompilerServices;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Stacks;

/// <summary>
/// Issue 3 on the real engine: install a 3-service stack, upgrade one service and see only its containers replaced,
/// roll back, remove the stack and see no container left.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class StackLifecycleTests(MasterProcess master)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Install_upgrade_one_service_roll_back_and_remove_on_the_real_engine()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        var grid = agent.Grid;

        var installed = await client.InstallStackAsync(grid, Request("v1"));
        Assert.Equal(["worker", "api", "web"], installed.Changes.Select(c => c.Service));
        await UntilRunningAsync(client, grid, revision: 1);
        var v1 = await ContainerIdsAsync(client, grid);
        Assert.Equal(["api-1", "web-1", "web-2", "worker-1"], v1.Keys.Order(StringComparer.Ordinal));

        var upgraded = await client.UpgradeStackAsync(grid, "shop", Request("v2"));
        Assert.Equal([("worker", "unchanged"), ("api", "changed"), ("web", "unchanged")], upgraded.Changes.Select(c => (c.Service, c.Change)));
        await UntilRunningAsync(client, grid, revision: 2);
        var v2 = await Eventually.ValueAsync(() => ContainerIdsAsync(client, grid), ids => ids.Count == 4 && ids["api-1"] != v1["api-1"],
            "the api container to be replaced", s_timeout, ids => string.Join(", ", ids.Select(i => $"{i.Key}={i.Value[..12]}")));
        Assert.Equal(v1["web-1"], v2["web-1"]);
        Assert.Equal(v1["web-2"], v2["web-2"]);
        Assert.Equal(v1["worker-1"], v2["worker-1"]);
        Assert.Equal("v2", (await client.GetServiceAsync(grid, "shop", "api")).Env["API_MODE"]);
        await AssertApiLogsAsync(client, grid, "api in mode v2");

        var rolledBack = await client.RollbackStackAsync(grid, "shop");
        Assert.Equal(3, rolledBack.Revision);
        await UntilRunningAsync(client, grid, revision: 3);
        var v3 = await Eventually.ValueAsync(() => ContainerIdsAsync(client, grid), ids => ids.Count == 4 && ids["api-1"] != v2["api-1"],
            "the api container to be replaced again", s_timeout);
        Assert.Equal(v1["web-1"], v3["web-1"]);
        Assert.Equal(v1["worker-1"], v3["worker-1"]);
        Assert.Equal("v1", (await client.GetServiceAsync(grid, "shop", "api")).Env["API_MODE"]);
        var history = await client.StackRevisionsAsync(grid, "shop");
        Assert.Equal(["install", "upgrade", "rollback"], history.Select(h => h.Action));

        await client.DeleteStackAsync(grid, "shop");

        await Eventually.ValueAsync(() => agent.DockerContainersAsync(), containers => containers.Count == 0,
            "every container of the stack to be removed", s_timeout, c => string.Join(", ", c.Keys));
        Assert.Empty(await client.ListStacksAsync(grid));
        Assert.Empty(await client.ListServicesAsync(grid));
    }

    private static StackFileRequest Request(string apiMode) =>
        new("shop.yml", File.ReadAllText(SourcePath("shop.yml")), Variables: new Dictionary<string, string> { ["API_MODE"] = apiMode });

    // The stack file lives beside this source file (not copied to the build output).
    private static string SourcePath(string name, [CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, name);

    private static Task<StackDto> UntilRunningAsync(SatamaClient client, string grid, long revision) =>
        Eventually.ValueAsync(
            () => client.GetStackAsync(grid, "shop"),
            s => s.Revision == revision && s.State == "running",
            $"stack shop at revision {revision} to run every instance",
            s_timeout,
            s => $"revision {s.Revision} {s.State}: " + string.Join("; ", s.Services.Select(ServiceWaits.Describe)));

    /// <summary>Running containers of the stack: instance name → container id (the newest revision's, as a rollout may run two).</summary>
    private static async Task<Dictionary<string, string>> ContainerIdsAsync(SatamaClient client, string grid) =>
        (await client.ListContainersAsync(grid))
            .Where(c => c.Stack == "shop" && c.State == "running")
            .GroupBy(c => $"{c.Service}-{c.Instance}")
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.Revision)!.Id);

    private static async Task AssertApiLogsAsync(SatamaClient client, string grid, string expected) =>
        await Eventually.ValueAsync(
            async () => await client.ServiceLogsAsync(grid, "shop", "api", tail: 20, follow: false).ToListAsync(),
            lines => lines.Any(l => l.Contains(expected, StringComparison.Ordinal)),
            $"the api to log '{expected}'",
            s_timeout,
            lines => string.Join(" / ", lines));
}
