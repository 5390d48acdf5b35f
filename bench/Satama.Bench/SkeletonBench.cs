using System.Diagnostics;
using System.Globalization;
using Satama.Client.Dtos;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.Bench;

/// <summary>
/// Idle memory of master and agent, and the time from `service create` of 10 instances to
/// all running, against a plain `docker run -d` loop of 10 on the same engine.
/// </summary>
internal static class SkeletonBench
{
    private const int Instances = 10;
    public static async Task RunAsync(int runs)
    {
        await using var master = new MasterProcessScope();
        await master.Master.InitializeAsync();
        await using var agent = await GridAgent.StartAsync(master.Master);
        var client = master.Master.Client;

        await Task.Delay(TimeSpan.FromSeconds(10)); // let both settle: JIT, first heartbeats, GC
        var masterRss = RssMiB(master.Master.Pid);
        var agentRss = RssMiB(agent.Pid);

        var satama = new List<double>();
        var docker = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var name = $"bench{run}";
            var watch = Stopwatch.StartNew();
            await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest(name, TestImages.Busybox, Instances, Command: TestImages.HttpdCommand));
            await Eventually.UntilAsync(async () => (await client.GetServiceAsync(agent.Grid, "null", name)).Running == Instances,
                $"{Instances} running", TimeSpan.FromMinutes(3));
            satama.Add(watch.Elapsed.TotalSeconds);
            await client.DeleteServiceAsync(agent.Grid, "null", name);
            await Eventually.ValueAsync(agent.DockerContainersAsync, c => c.Count == 0, "service removed", TimeSpan.FromMinutes(3));

            docker.Add(await DockerRunLoopAsync(run));
        }

        var s = Median(satama);
        var d = Median(docker);
        Console.WriteLine(FormattableString.Invariant($"idle RSS: master {masterRss:0.0} MiB, agent {agentRss:0.0} MiB"));
        Console.WriteLine(FormattableString.Invariant($"create {Instances} -> all running: satama {s:0.00} s [{string.Join('/', satama.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(FormattableString.Invariant($"docker run -d loop of {Instances}: {d:0.00} s [{string.Join('/', docker.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(FormattableString.Invariant($"ratio satama / docker run loop: {s / d:0.00}x (median of {runs})"));
    }

    private static async Task<double> DockerRunLoopAsync(int run)
    {
        var names = Enumerable.Range(1, Instances).Select(i => $"satama-bench-{Environment.ProcessId}-{run}-{i}").ToList();
        var watch = Stopwatch.StartNew();
        foreach (var n in names)
        {
            (await Shell.RunAsync("docker", ["run", "-d", "--name", n, TestImages.Busybox, .. TestImages.HttpdCommand])).EnsureSuccess("docker run");
        }
        var elapsed = watch.Elapsed.TotalSeconds;
        await Shell.RunAsync("docker", ["rm", "-f", .. names]);
        return elapsed;
    }

    private static double RssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed class MasterProcessScope : IAsyncDisposable
    {
        public MasterProcess Master { get; } = new();

        public async ValueTask DisposeAsync() => await Master.DisposeAsync();
    }
}
