using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master;
using Satama.Master.Store;
using Satama.Testing;

namespace Satama.Bench;

/// <summary>
/// bench/scheduler through the master: the same 100,000 instances on 5,000 nodes, but as 10 stack installs
/// of 10 services each over the REST API of an in-process master on SQLite (API → store → scheduler → store).
/// Each install answers after its scheduler pass has committed the placements, so the figure is placements
/// committed per second, against the issue's 3,750/s (Nomad's five-server cluster in its C1M test).
/// The simulated nodes are written into the store as an agent's first Hello would write them.
/// </summary>
internal static class MasterSchedulerBench
{
    public const double TargetPerSecond = 3_750;
    private const int Stacks = 10;

    public static async Task RunAsync()
    {
        using var dir = new TempDirectory("satama-bench-master-");
        var server = await MasterServer.StartAsync(new MasterOptions
        {
            DataDir = dir.Path,
            Listen = ["https://127.0.0.1:0"],
            MinimumLogLevel = LogLevel.Warning,
        });
        await using var _ = server;
        using var client = new SatamaClient(server.Url, server.AdminToken, server.CaFingerprint);
        var grid = (await client.CreateGridAsync(new GridCreateRequest(SchedulerWorkload.Grid))).Name;

        var store = server.Services.GetRequiredService<IStore>();
        var registering = Stopwatch.StartNew();
        for (var i = 0; i < SchedulerWorkload.Nodes; i++)
        {
            var spec = new NodeDocument(Guid.NewGuid().ToString("n"), new SortedDictionary<string, string>(SchedulerWorkload.Labels(i), StringComparer.Ordinal));
            var info = new NodeInfoDto("20.10.24", "overlay2", "6.1.0", 32, 128L << 30, "Debian GNU/Linux 12", "10.0.0.1", "bench", "2", "json-file");
            var status = new NodeStatusDocument(SchedulerWorkload.Online(i), DateTimeOffset.UtcNow, info, []);
            await store.CreateAsync(ResourceKinds.Node, grid, SchedulerWorkload.NodeName(i), StoreJson.Write(spec), StoreJson.Write(status));
        }
        Console.WriteLine(FormattableString.Invariant($"registered {SchedulerWorkload.Nodes:N0} nodes in the store in {registering.Elapsed.TotalSeconds:0.0} s"));

        var perStack = SchedulerWorkload.Services / Stacks;
        var rss = new RssSampler();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var installs = new List<double>();
        for (var k = 0; k < Stacks; k++)
        {
            var started = watch.Elapsed.TotalSeconds;
            await client.InstallStackAsync(grid, new StackFileRequest($"s{k}.yml", StackText(k * perStack, perStack), Name: $"s{k}"));
            installs.Add(watch.Elapsed.TotalSeconds - started);
        }
        var elapsed = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        rss.Stop();

        var services = await client.ListServicesAsync(grid);
        var committed = services.Sum(s => s.InstanceList.Count(i => i.Node is not null));
        var rate = committed / elapsed;
        Console.WriteLine(FormattableString.Invariant(
            $"scheduler (master): {Stacks} stack installs of {perStack} services x {SchedulerWorkload.InstancesPerService} instances on {SchedulerWorkload.Nodes:N0} nodes; committed {committed:N0} of {SchedulerWorkload.Total:N0} in {elapsed:0.00} s: {rate:N0} placements/s"));
        Console.WriteLine(FormattableString.Invariant($"CPU time of the process (master + client): {cpuSeconds:0.00} s, {committed / cpuSeconds:N0} placements per CPU-second, {cpuSeconds / elapsed:0.00} cores busy on average; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine($"per install (s): {string.Join(' ', installs.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))}");
        Console.WriteLine(FormattableString.Invariant($"peak RSS of the process (master + client) during the installs: {rss.PeakMiB:0.0} MiB"));
        Console.WriteLine(FormattableString.Invariant($"ratio time / budget at {TargetPerSecond:N0}/s: {TargetPerSecond / rate:0.00}x wall, {TargetPerSecond * cpuSeconds / committed:0.00}x CPU (<= 1.00 meets the target)"));
    }

    // One stack of `count` services named as in SchedulerWorkload, with their affinity rules and reservations.
    private static string StackText(int first, int count)
    {
        var b = new StringBuilder("services:\n");
        for (var s = first; s < first + count; s++)
        {
            b.Append("  ").Append(SchedulerWorkload.ServiceName(s)).Append(":\n")
             .Append("    image: satama-test/busybox:latest\n")
             .Append("    affinity: [").Append(string.Join(", ", SchedulerWorkload.Affinity(s).Select(r => $"\"{r}\""))).Append("]\n")
             .Append("    deploy:\n      replicas: ").Append(SchedulerWorkload.InstancesPerService.ToString(CultureInfo.InvariantCulture)).Append('\n')
             .Append("      resources: {reservations: {cpus: \"0.1\", memory: 64m}}\n");
        }
        return b.ToString();
    }

    // The process's RSS, sampled every 50 ms: the peak over the timed part, not over node registration.
    private sealed class RssSampler
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peak;

        public RssSampler() => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var self = Process.GetCurrentProcess();
                _peak = Math.Max(_peak, self.WorkingSet64);
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        public double PeakMiB => _peak / 1048576.0;

        public void Stop()
        {
            _stop.Cancel();
            _loop.Wait();
        }
    }
}
