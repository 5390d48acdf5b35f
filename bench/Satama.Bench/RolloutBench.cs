using System.Diagnostics;
using System.Globalization;
using Satama.Client.Dtos;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.Bench;

/// <summary>
/// Issue 4's deploy-vs-swarm: (a) bring 20 busybox httpd instances to running, and (b) roll them all to a new
/// revision (forced: same spec), until 20 new containers run and none of the old is left, read from the engine.
/// Satama (`init: true`, start-first, min_health 0.8 → 4 at a time, its default drain) against Docker Swarm on the same engine
/// with its fastest equivalent settings (`--init --update-parallelism 4 --update-order start-first`, LAB.md §5),
/// and for (a) a parallel loop of 20 `docker run -d --init` as the physical limit. Each run creates, updates and
/// removes its service. Swarm is initialised for the run and left again: run it on an engine nothing else uses.
/// </summary>
internal static class RolloutBench
{
    private const int Instances = 20;
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(5);

    private sealed record Times(List<double> Create, List<double> Update)
    {
        /// <summary>The fewest instances (slots) with a running container seen during Satama's updates.</summary>
        public int FewestRunning { get; set; } = int.MaxValue;
    }

    public static async Task RunAsync(int runs)
    {
        var satama = await SatamaAsync(runs);
        var loop = await DockerRunLoopAsync(runs);
        var swarm = await SwarmAsync(runs);
        var (sc, su, wc, wu, l) = (Median(satama.Create), Median(satama.Update), Median(swarm.Create), Median(swarm.Update), Median(loop));
        Console.WriteLine(FormattableString.Invariant($"(a) create {Instances} until running, median of {runs} (lower is faster):"));
        Console.WriteLine(FormattableString.Invariant($"    satama {sc:0.00} s [{Join(satama.Create)}]"));
        Console.WriteLine(FormattableString.Invariant($"    swarm  {wc:0.00} s [{Join(swarm.Create)}]"));
        Console.WriteLine(FormattableString.Invariant($"    docker run -d --init x{Instances} in parallel {l:0.00} s [{Join(loop)}]"));
        Console.WriteLine(FormattableString.Invariant($"    ratio satama / swarm {sc / wc:0.00}x (target <= 1.0x), satama / parallel loop {sc / l:0.00}x (target <= 1.2x)"));
        Console.WriteLine(FormattableString.Invariant($"(b) rolling update of {Instances}, median of {runs}:"));
        Console.WriteLine(FormattableString.Invariant($"    satama {su:0.00} s [{Join(satama.Update)}]"));
        Console.WriteLine(FormattableString.Invariant($"    swarm start-first x4 {wu:0.00} s [{Join(swarm.Update)}]"));
        Console.WriteLine(FormattableString.Invariant($"    ratio satama / swarm {su / wu:0.00}x (target <= 0.8x)"));
        Console.WriteLine(FormattableString.Invariant($"    satama: fewest instances running at any sample during the updates {satama.FewestRunning} of {Instances} (min_health 0.8 floor: {(int)Math.Ceiling(0.8 * Instances)})"));
    }

    private static async Task<Times> SatamaAsync(int runs)
    {
        await using var master = new MasterProcess();
        await master.InitializeAsync();
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        var times = new Times([], []);
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, Instances, Command: TestImages.HttpdCommand,
                Runtime: new RuntimeDto(Init: true)));
            await PollAsync(async () => (await agent.DockerContainersAsync()).Count(c => c.Value == "running") == Instances,
                $"{Instances} containers running", s_limit);
            times.Create.Add(watch.Elapsed.TotalSeconds);
            await UntilDeployedAsync(agent, client, 1);

            watch.Restart();
            using var sampling = new CancellationTokenSource();
            var sampler = FewestRunningAsync(agent, sampling.Token);
            var started = await client.DeployServiceAsync(agent.Grid, "null", "web", force: true);
            await UntilDeployedAsync(agent, client, started.Revision);
            times.Update.Add(watch.Elapsed.TotalSeconds);
            await sampling.CancelAsync();
            times.FewestRunning = Math.Min(times.FewestRunning, await sampler);

            await client.DeleteServiceAsync(agent.Grid, "null", "web");
            await Eventually.ValueAsync(agent.DockerContainersAsync, c => c.Count == 0, "service removed", s_limit);
        }
        return times;
    }

    /// <summary>Samples the engine during an update: the fewest slots (web-N) that had a running container.</summary>
    private static async Task<int> FewestRunningAsync(GridAgent agent, CancellationToken ct)
    {
        var fewest = int.MaxValue;
        while (!ct.IsCancellationRequested)
        {
            var running = (await agent.DockerContainersAsync())
                .Where(c => c.Value == "running")
                .Select(c => c.Key.Split('.')[^2])
                .Distinct(StringComparer.Ordinal)
                .Count();
            fewest = Math.Min(fewest, running);
            try
            {
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return fewest;
    }

    /// <summary>The physical limit of (a): 20 `docker run -d --init` at once, until every one has returned (started).</summary>
    private static async Task<List<double>> DockerRunLoopAsync(int runs)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var names = Enumerable.Range(1, Instances).Select(i => $"satama-bench-loop-{Environment.ProcessId}-{i}").ToList();
            try
            {
                var watch = Stopwatch.StartNew();
                var results = await Task.WhenAll(names.Select(n => Shell.RunAsync("docker", ["run", "-d", "--init", "--name", n, TestImages.Busybox, .. TestImages.HttpdCommand])));
                times.Add(watch.Elapsed.TotalSeconds);
                foreach (var result in results)
                {
                    result.EnsureSuccess("docker run");
                }
            }
            finally
            {
                await Shell.RunAsync("docker", ["rm", "-f", .. names]);
            }
        }
        return times;
    }

    // Done: exactly the 20 containers of the revision exist on the engine, and the master has finished the rollout
    // (a deploy while the create is still in flight would time a takeover, not an update).
    private static async Task UntilDeployedAsync(GridAgent agent, Satama.Client.SatamaClient client, long revision) =>
        await PollAsync(async () =>
        {
            var containers = await agent.DockerContainersAsync();
            return containers.Count == Instances
                && containers.All(c => c.Key.EndsWith($".r{revision}", StringComparison.Ordinal) && c.Value == "running")
                && await client.GetServiceAsync(agent.Grid, "null", "web") is { Deployment: null } service
                && service.DeployedRevision == revision;
        }, $"{Instances} containers of revision {revision} running, none older", s_limit);

    private static async Task<Times> SwarmAsync(int runs)
    {
        var state = (await Shell.DockerAsync("info", "--format", "{{.Swarm.LocalNodeState}}")).Stdout.Trim();
        if (state != "inactive")
        {
            throw new InvalidOperationException($"the engine is already in a swarm ({state}); run this benchmark on an engine nothing else uses");
        }
        (await Shell.DockerAsync("swarm", "init", "--advertise-addr", "127.0.0.1")).EnsureSuccess("docker swarm init");
        var name = $"satama-bench-{Environment.ProcessId}";
        var times = new Times([], []);
        try
        {
            for (var run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                (await Shell.RunAsync("docker", ["service", "create", "--detach", "--quiet", "--no-resolve-image", "--init", "--replicas", $"{Instances}",
                    "--update-parallelism", "4", "--update-order", "start-first", "--name", name, TestImages.Busybox, .. TestImages.HttpdCommand]))
                    .EnsureSuccess("docker service create");
                await UntilSwarmRunningAsync(name);
                times.Create.Add(watch.Elapsed.TotalSeconds);

                watch.Restart();
                (await Shell.DockerAsync("service", "update", "--detach", "--quiet", "--force", name)).EnsureSuccess("docker service update");
                await PollAsync(async () =>
                    (await Shell.DockerAsync("service", "inspect", "-f", "{{.UpdateStatus.State}}", name)).Stdout.Trim() == "completed"
                    && (await SwarmContainersAsync(name)) == Instances, "swarm update completed, old containers gone", s_limit);
                times.Update.Add(watch.Elapsed.TotalSeconds);

                await Shell.DockerAsync("service", "rm", name);
                await PollAsync(async () => await SwarmContainersAsync(name, all: true) == 0, "swarm service removed", s_limit);
            }
            return times;
        }
        finally
        {
            await Shell.DockerAsync("service", "rm", name);
            await PollAsync(async () => await SwarmContainersAsync(name, all: true) == 0, "swarm service removed", s_limit);
            await Shell.DockerAsync("swarm", "leave", "--force");
        }
    }

    private static async Task UntilSwarmRunningAsync(string name) =>
        await PollAsync(async () =>
        {
            var states = (await Shell.DockerAsync("service", "ps", name, "--filter", "desired-state=running", "--format", "{{.CurrentState}}")).Stdout;
            return states.Split('\n').Count(l => l.StartsWith("Running", StringComparison.Ordinal)) == Instances;
        }, $"{Instances} swarm tasks running", s_limit);

    // Running ones only: Swarm keeps the exited containers of replaced tasks as task history.
    private static async Task<int> SwarmContainersAsync(string name, bool all = false) =>
        (await Shell.DockerAsync(["ps", .. all ? ["-a"] : Array.Empty<string>(), "-q", "--filter", $"label=com.docker.swarm.service.name={name}"])).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    // A fixed short interval (Eventually backs off to 500 ms, too coarse to time a few seconds); bounded by s_limit.
    private static async Task PollAsync(Func<Task<bool>> condition, string what, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"timed out after {limit.TotalSeconds:0} s waiting for {what}");
            }
            await Task.Delay(100);
        }
    }

    private static string Join(List<double> values) => string.Join('/', values.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)));

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
