using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Satama.Client.Dtos;
using Satama.Testing;
using Satama.Testing.Platform;
using Satama.Testing.Processes;

namespace Satama.Bench;

/// <summary>
/// Requests/s and p99 through the agent's load balancer and through HAProxy (Debian's), in front of the same 4
/// keep-alive backends (bench/lb/keepalive.c, built statically into a local FROM scratch image), with wrk, in the same
/// run, alternating. Both listen on loopback; access logs are off on both.
/// </summary>
internal static partial class LbBench
{
    private const string Image = "satama-bench/keepalive:latest";
    private const int Instances = 4;
    private const int Connections = 50;
    private const string Duration = "10s";

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+99%\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99();

    public static async Task RunAsync(int runs, bool accessLog)
    {
        await BuildImageAsync();
        var master = new MasterProcess();
        await master.InitializeAsync();
        Process? haproxy = null;
        using var temp = new TempDirectory("satama-bench-lb-");
        try
        {
            var lbPort = FreePort.Next();
            await using var agent = await GridAgent.StartAsync(master, "--label", "ingress=true", "--lb-address", "127.0.0.1",
                "--lb-http-port", lbPort.ToString(CultureInfo.InvariantCulture), "--lb-https-port", "0", "--lb-metrics-port", "0",
                "--lb-access-log", accessLog ? "true" : "false", "--log-level", "warning");
            await master.Client.InstallStackAsync(agent.Grid, new StackFileRequest("bench.yml", $$"""
                name: bench
                services:
                  web:
                    image: {{Image}}
                    instances: {{Instances}}
                    command: ["/keepalive", "8080", "1"]
                    health_check:
                      protocol: tcp
                      port: 8080
                      interval: 1
                    lb:
                      port: 8080
                """));
            var routes = await Eventually.ValueAsync(() => master.Client.GetLbRoutesAsync(agent.Grid),
                r => r.Nodes.Count == 1 && r.Nodes[0].Reported && r.Nodes[0].Routes.Single().Backends.Count == Instances,
                $"{Instances} backends in the load balancer", TimeSpan.FromMinutes(3));
            var backends = routes.Nodes[0].Routes[0].Backends.Select(b => b.Address).ToList();

            var haproxyPort = FreePort.Next();
            var config = Path.Combine(temp.Path, "haproxy.cfg");
            await File.WriteAllTextAsync(config, HaproxyConfig(haproxyPort, backends));
            haproxy = Process.Start(new ProcessStartInfo("haproxy", ["-f", config, "-db"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;

            var satamaUrl = $"http://127.0.0.1:{lbPort.ToString(CultureInfo.InvariantCulture)}/";
            var haproxyUrl = $"http://127.0.0.1:{haproxyPort.ToString(CultureInfo.InvariantCulture)}/";
            var one = $"http://{backends[0]}/";
            await Eventually.UntilAsync(async () =>
            {
                if (haproxy.HasExited)
                {
                    throw new GiveUpException($"haproxy exited: {await haproxy.StandardError.ReadToEndAsync()}");
                }
                return (await Shell.RunAsync("wrk", ["-t1", "-c1", "-d1s", haproxyUrl])).Stdout.Contains("Requests/sec", StringComparison.Ordinal);
            }, "haproxy answers");
            // Warm-up: JIT (tiered compilation goes on for seconds under load), connection pools.
            await WrkAsync(satamaUrl, "15s");
            await WrkAsync(haproxyUrl, "5s");

            var satama = new List<(double Rps, double P99, double Cpu)>();
            var peer = new List<(double Rps, double P99, double Cpu)>();
            for (var run = 1; run <= runs; run++)
            {
                satama.Add(await MeasuredWrkAsync(satamaUrl, agent.Pid));
                peer.Add(await MeasuredWrkAsync(haproxyUrl, haproxy.Id));
            }
            var single = await WrkAsync(one, Duration);

            var s = (Median(satama.Select(x => x.Rps)), Median(satama.Select(x => x.P99)));
            var h = (Median(peer.Select(x => x.Rps)), Median(peer.Select(x => x.P99)));
            Console.WriteLine(FormattableString.Invariant($"wrk -t2 -c{Connections} -d{Duration}, {Instances} keep-alive backends, median of {runs}:"));
            Console.WriteLine(FormattableString.Invariant($"satama lb: {s.Item1:0} req/s [{Join(satama.Select(x => x.Rps))}], p99 {s.Item2:0.00} ms [{Join(satama.Select(x => x.P99))}]"));
            Console.WriteLine(FormattableString.Invariant($"haproxy:   {h.Item1:0} req/s [{Join(peer.Select(x => x.Rps))}], p99 {h.Item2:0.00} ms [{Join(peer.Select(x => x.P99))}]"));
            Console.WriteLine(FormattableString.Invariant($"one backend direct: {single.Rps:0} req/s, p99 {single.P99:0.00} ms"));
            Console.WriteLine(FormattableString.Invariant($"ratio satama / haproxy: throughput {s.Item1 / h.Item1:0.00}x, p99 {s.Item2 / h.Item2:0.00}x"));
            // CPU per request is steadier than throughput on a shared machine: it says where the proxy's cost is.
            var sc = Median(satama.Select(x => x.Cpu));
            var hc = Median(peer.Select(x => x.Cpu));
            Console.WriteLine(FormattableString.Invariant($"proxy CPU per request: satama {sc:0.0} us [{Join(satama.Select(x => x.Cpu))}], haproxy {hc:0.0} us [{Join(peer.Select(x => x.Cpu))}], {sc / hc:0.00}x"));
        }
        finally
        {
            if (haproxy is not null)
            {
                haproxy.Kill();
                await haproxy.WaitForExitAsync();
                haproxy.Dispose();
            }
            await master.DisposeAsync();
        }
    }

    private static string HaproxyConfig(int port, IReadOnlyList<string> backends) =>
        string.Join('\n',
        [
            "global",
            "  maxconn 4096",
            "defaults",
            "  mode http",
            "  timeout connect 2s",
            "  timeout client 30s",
            "  timeout server 30s",
            "  option http-keep-alive",
            "  http-reuse always",
            "frontend fe",
            FormattableString.Invariant($"  bind 127.0.0.1:{port}"),
            "  default_backend be",
            "backend be",
            "  balance roundrobin",
            .. backends.Select((b, i) => FormattableString.Invariant($"  server s{i + 1} {b}")),
            "",
        ]);

    /// <summary>A wrk run with the CPU time (user + system) the proxy process spent on it, in microseconds per request.</summary>
    private static async Task<(double Rps, double P99, double Cpu)> MeasuredWrkAsync(string url, int proxyPid)
    {
        var before = CpuTicks(proxyPid);
        var started = Stopwatch.GetTimestamp();
        var (rps, p99) = await WrkAsync(url, Duration);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuSeconds = (CpuTicks(proxyPid) - before) / 100.0;
        // wrk's figure is over its own run time, a little under the process's wall time.
        return (rps, p99, cpuSeconds / (rps * Math.Min(seconds, 10.0)) * 1_000_000);
    }

    /// <summary>utime + stime of a process in clock ticks (USER_HZ, 100 on Linux).</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static async Task<(double Rps, double P99)> WrkAsync(string url, string duration)
    {
        var result = await Shell.RunAsync("wrk", ["-t2", $"-c{Connections}", $"-d{duration}", "--latency", url], timeout: TimeSpan.FromMinutes(2));
        result.EnsureSuccess("wrk");
        var rps = double.Parse(RequestsPerSecond().Match(result.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(result.Stdout);
        var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        var ms = p99.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
        if (result.Stdout.Contains("Non-2xx", StringComparison.Ordinal) || result.Stdout.Contains("Socket errors", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"warning: wrk against {url} saw errors:\n{result.Stdout}");
        }
        return (rps, ms);
    }

    /// <summary>Builds the backend statically with gcc and wraps it in a FROM scratch image (no registry).</summary>
    private static async Task BuildImageAsync()
    {
        var dir = Directory.CreateTempSubdirectory("satama-bench-img-");
        try
        {
            var source = Path.Combine(SatamaBinary.RepoRoot, "bench", "lb", "keepalive.c");
            (await Shell.RunAsync("gcc", ["-O2", "-static", "-pthread", "-o", Path.Combine(dir.FullName, "keepalive"), source])).EnsureSuccess("gcc (apt-get install gcc libc6-dev)");
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "Dockerfile"), "FROM scratch\nCOPY keepalive /keepalive\nCMD [\"/keepalive\"]\n");
            (await Shell.RunAsync("docker", ["build", "-q", "-t", Image, dir.FullName], timeout: TimeSpan.FromMinutes(3))).EnsureSuccess("docker build of the backend image");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Join(IEnumerable<double> values) => string.Join('/', values.Select(v => v.ToString("0.##", CultureInfo.InvariantCulture)));
}
