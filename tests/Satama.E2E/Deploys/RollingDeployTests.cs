using System.Runtime.CompilerServices;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Deploys;

/// <summary>
/// Issue 4's proof on the real engine: a rolling update of 6 instances keeps at least min_health
/// (0.8: 5 of 6) serving at every sample, and a revision whose health check fails is rolled back
/// automatically while the old containers keep serving, untouched.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class RollingDeployTests(MasterProcess master)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);
    private static readonly HealthCheckDto s_check = new("http", 8080, "/index.html", IntervalSeconds: 0.5, TimeoutSeconds: 2, Retries: 2);

    private static string Describe(ServiceDto s) =>
        $"revision {s.Revision} (deployed {s.DeployedRevision}) {s.Deployment?.State}: {s.Deployment?.Reason}; healthy {s.Healthy}/{s.Instances}: " +
        string.Join(", ", s.InstanceList.Select(i => $"{i.Name}@r{i.Revision}={i.State}/{i.Health}"));

    [Fact]
    public async Task A_rolling_update_of_six_keeps_five_serving_at_every_sample()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 6, Command: TestImages.HttpdCommand, HealthCheck: s_check));
        await UntilDeployedAsync(client, agent.Grid, "null", "web", revision: 1);

        await using var sampler = ServingSampler.Start(client, agent.Grid, "null", "web", 8080, "/index.html");
        await Eventually.ValueAsync(() => Task.FromResult(sampler.Samples.Count), n => n >= 3, "the sampler to see the service", s_timeout);
        var deploying = await client.DeployServiceAsync(agent.Grid, "null", "web", force: true);
        Assert.Equal(2, deploying.Revision);
        var done = await UntilDeployedAsync(client, agent.Grid, "null", "web", revision: 2);
        var samples = await sampler.StopAsync();

        Assert.All(done.InstanceList, i => Assert.Equal(2, i.Revision));
        Assert.True(samples.Count >= 5, $"only {samples.Count} samples");
        Assert.True(samples.All(s => s >= 5), "fewer than 5 of 6 serving: " + string.Join(" | ", sampler.Notes.Where(n => !n.Contains(": 6 serving", StringComparison.Ordinal)).Take(10)));
        var deploys = await client.ListDeploysAsync(agent.Grid, "null", "web");
        Assert.Equal([("update", "succeeded", 2L), ("create", "succeeded", 1L)], deploys.Select(d => (d.Kind, d.State, d.Revision)));
        await Eventually.ValueAsync(() => OldContainersAsync(agent, revision: 1), old => old.Count == 0, "revision 1's containers to be removed", s_timeout,
            old => string.Join(", ", old));
    }

    [Fact]
    public async Task A_revision_whose_health_check_fails_is_rolled_back_while_the_old_one_keeps_serving()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        await client.InstallStackAsync(agent.Grid, Request("/www"));
        await UntilDeployedAsync(client, agent.Grid, "roll", "web", revision: 1);
        var before = (await client.ListContainersAsync(agent.Grid)).Where(c => c.Service == "web").Select(c => c.Id).Order().ToList();

        await using var sampler = ServingSampler.Start(client, agent.Grid, "roll", "web", 8080, "/index.html");
        await client.UpgradeStackAsync(agent.Grid, "roll", Request("/tmp"));
        var rolledBack = await Eventually.ValueAsync(
            () => client.GetServiceAsync(agent.Grid, "roll", "web"),
            s => s.Deployment is null && s.LastDeployment is { Kind: "rollback", State: "succeeded" },
            "revision 2 to fail and roll back to revision 1",
            s_timeout,
            Describe);
        var samples = await sampler.StopAsync();

        Assert.Equal(1, rolledBack.Revision);
        Assert.Equal("/www", rolledBack.Command[^1]);
        var deploys = await client.ListDeploysAsync(agent.Grid, "roll", "web");
        Assert.Equal([("rollback", "succeeded", 1L), ("update", "failed", 2L), ("create", "succeeded", 1L)], deploys.Select(d => (d.Kind, d.State, d.Revision)));
        Assert.Matches(@"^web-\d: not healthy within 15 s: HTTP 404 on /index\.html$", deploys[1].Reason);
        // Start-first: revision 1's containers were never touched, and all three served throughout.
        var after = await Eventually.ValueAsync(
            async () => (await client.ListContainersAsync(agent.Grid)).Where(c => c.Service == "web").Select(c => c.Id).Order().ToList(),
            ids => ids.Count == 3, "revision 2's containers to be removed", s_timeout, ids => string.Join(", ", ids));
        Assert.Equal(before, after);
        Assert.True(samples.Count >= 5, $"only {samples.Count} samples");
        Assert.True(samples.All(s => s == 3), string.Join(" | ", sampler.Notes.Where(n => !n.Contains(": 3 serving", StringComparison.Ordinal)).Take(10)));
        var stack = await client.GetStackAsync(agent.Grid, "roll");
        Assert.Equal("failed", stack.State);
    }

    private static Task<ServiceDto> UntilDeployedAsync(SatamaClient client, string grid, string stack, string service, long revision) =>
        Eventually.ValueAsync(
            () => client.GetServiceAsync(grid, stack, service),
            s => s.Deployment is null && s.DeployedRevision == revision && s.Healthy == s.Instances && s.InstanceList.All(i => i.Revision == revision),
            $"{stack}/{service} deployed at revision {revision}, every instance healthy",
            s_timeout,
            Describe);

    private static async Task<List<string>> OldContainersAsync(GridAgent agent, long revision) =>
        (await agent.DockerContainersAsync()).Keys.Where(name => name.EndsWith($".r{revision}", StringComparison.Ordinal)).ToList();

    private static StackFileRequest Request(string content) =>
        new("broken.yml", File.ReadAllText(SourcePath("broken.yml")), Variables: new Dictionary<string, string> { ["CONTENT"] = content });

    private static string SourcePath(string name, [CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, name);
}
