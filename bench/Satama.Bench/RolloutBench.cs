using System.Diagnostics;
using System.Globalization;
using Satama.Client.Dtos;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.Bench;

/// <summary>
/// A rolling update of 20 busybox httpd instances, forced (same spec, new revision), until 20 new
/// containers run and none of the old is left: Satama (start-first, min_health 0.8 → 4 at a time,
/// 3 s drain) against Docker Swarm on the same engine with its fastest equivalent settings
/// (`--init --update-parallelism 4 --update-order start-first`, see LAB.md §5). Swarm is
/// initialised for the run and left again, so run it on an engine nothing else uses.
/// </summary>
internal static class RolloutBench
{
    private const int Instances = 20;
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(int runs)
    {
        var satama = await SatamaAsync(runs);
        var swarm = await SwarmAsync(runs);
        var s = Median(satama);
        var w = Median(swarm);
        Console.WriteLine(FormattableString.Invariant($"rolling update of {Instances}: satama {s:0.00} s [{Join(satama)}]"));
        Console.WriteLine(FormattableString.Invariant($"rolling update of {Instances}: swarm start-first x4 {w:0.00} s [{Join(swarm)}]"));
        Console.WriteLine(FormattableString.Invariant($"ratio satama / swarm: {s / w:0.00}x (median of {runs}; lower is faster)"));
    }

    private static async Task<List<double>> SatamaAsync(int runs)
    {
        await using var master = new MasterProcess();
        await master.InitializeAsync();
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, Instances, Command: TestImages.HttpdCommand));
        await UntilDeployedAsync(agent, client, 1);
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var started = await client.DeployServiceAsync(agent.Grid, "null", "web", force: true);
            await UntilDeployedAsync(agent, client, started.Revision);
            times.Add(watch.Elapsed.TotalSeconds);
        }
        await client.DeleteServiceAsync(agent.Grid, "null", "web");
        await Eventually.ValueAsync(agent.DockerContainersAsync, c => c.Count == 0, "service removed", s_limit);
        return times;
    }

    // Done: exactly the 20 containers of the revision exist on the engine, and the master has finished the rollout
    // (a deploy while the create is still in flight would time a takeover, not an update).
    private static async Task UntilDeployedAsync(GridAgent agent, Satama.Client.SatamaClient client, long revision) =>
        await Eventually.UntilAsync(async () =>
        {
            var containers = await agent.DockerContainersAsync();
            return containers.Count == Instances
                && containers.All(c => c.Key.EndsWith($".r{revision}", StringComparison.Ordinal) && c.Value == "running")
                && await client.GetServiceAsync(agent.Grid, "null", "web") is { Deployment: null } service
                && service.DeployedRevision == revision;
        }, $"{Instances} containers of revision {revision} running, none older", s_limit);

    private static async Task<List<double>> SwarmAsync(int runs)
    {
        var state = (await Shell.DockerAsync("info", "--format", "{{.Swarm.LocalNodeState}}")).Stdout.Trim();
        if (state != "inactive")
        {
            throw new InvalidOperationException($"the engine is already in a swarm ({state}); run this benchmark on an engine nothing else uses");
        }
        (await Shell.DockerAsync("swarm", "init", "--advertise-addr", "127.0.0.1")).EnsureSuccess("docker swarm init");
        var name = $"satama-bench-{Environment.ProcessId}";
        try
        {
            (await Shell.RunAsync("docker", ["service", "create", "--detach", "--quiet", "--no-resolve-image", "--init", "--replicas", $"{Instances}",
                "--update-parallelism", "4", "--update-order", "start-first", "--name", name, TestImages.Busybox, .. TestImages.HttpdCommand]))
                .EnsureSuccess("docker service create");
            await UntilSwarmRunningAsync(name);
            var times = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                (await Shell.DockerAsync("service", "update", "--detach", "--quiet", "--force", name)).EnsureSuccess("docker service update");
                await Eventually.UntilAsync(async () =>
                    (await Shell.DockerAsync("service", "inspect", "-f", "{{.UpdateStatus.State}}", name)).Stdout.Trim() == "completed"
                    && (await SwarmContainersAsync(name)) == Instances, "swarm update completed, old containers gone", s_limit);
                times.Add(watch.Elapsed.TotalSeconds);
            }
            return times;
        }
        finally
        {
            await Shell.DockerAsync("service", "rm", name);
            await Eventually.UntilAsync(async () => await SwarmContainersAsync(name, all: true) == 0, "swarm service removed", s_limit);
            await Shell.DockerAsync("swarm", "leave", "--force");
        }
    }

    private static async Task UntilSwarmRunningAsync(string name) =>
        await Eventually.UntilAsync(async () =>
        {
            var states = (await Shell.DockerAsync("service", "ps", name, "--filter", "desired-state=running", "--format", "{{.CurrentState}}")).Stdout;
            return states.Split('\n').Count(l => l.StartsWith("Running", StringComparison.Ordinal)) == Instances;
        }, $"{Instances} swarm tasks running", s_limit);

    // Running ones only: Swarm keeps the exited containers of replaced tasks as task history.
    private static async Task<int> SwarmContainersAsync(string name, bool all = false) =>
        (await Shell.DockerAsync(["ps", .. all ? ["-a"] : Array.Empty<string>(), "-q", "--filter", $"label=com.docker.swarm.service.name={name}"])).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Join(List<double> values) => string.Join('/', values.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
