using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Satama.Testing;
using Satama.Testing.Lab;

namespace Satama.Bench;

/// <summary>
/// Throughput and latency between containers on two simulated hosts: over the grid's overlay
/// (WireGuard, wireguard-go here) against the same LAN with plain routing between the engines'
/// default bridges, as a ratio.
/// </summary>
internal static partial class OverlayBench
{
    private const int Downloads = 5;
    private const int MiB = 50;

    public static async Task RunAsync(int runs)
    {
        var image = await TestImages.BusyboxAsync();
        await using var overlay = await OverlayLab.StartAsync(2);
        var (h1, h2) = (overlay.Lab.Hosts[0], overlay.Lab.Hosts[1]);
        var network = $"satama-{overlay.Grid}";
        foreach (var host in new[] { h1, h2 })
        {
            await Eventually.UntilAsync(async () => (await host.DockerAsync("network", "inspect", network)).ExitCode == 0, $"{network} on {host.Name}", TimeSpan.FromSeconds(60));
        }
        // Plain routing: each host routes the other's default bridge subnet over the LAN.
        (await h1.ExecAsync("ip", "route", "replace", "10.77.2.0/24", "via", h2.Address)).EnsureSuccess("route h1");
        (await h2.ExecAsync("ip", "route", "replace", "10.77.1.0/24", "via", h1.Address)).EnsureSuccess("route h2");

        var serve = $"dd if=/dev/urandom of=/www/big.bin bs=1048576 count={MiB} 2>/dev/null && exec httpd -f -p 8080 -h /www";
        (await h2.DockerAsync("run", "-d", "--name", "ov-srv", "--network", network, image, "sh", "-c", serve)).EnsureSuccess("ov-srv");
        (await h2.DockerAsync("run", "-d", "--name", "pl-srv", image, "sh", "-c", serve)).EnsureSuccess("pl-srv");
        (await h1.DockerAsync("run", "-d", "--name", "ov-cli", "--network", network, image, "sleep", "3600")).EnsureSuccess("ov-cli");
        (await h1.DockerAsync("run", "-d", "--name", "pl-cli", image, "sleep", "3600")).EnsureSuccess("pl-cli");
        var ovIp = (await h2.DockerAsync("inspect", "-f", $"{{{{(index .NetworkSettings.Networks \"{network}\").IPAddress}}}}", "ov-srv")).EnsureSuccess("ip").Stdout.Trim();
        var plIp = (await h2.DockerAsync("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "pl-srv")).EnsureSuccess("ip").Stdout.Trim();
        foreach (var (cli, ip) in new[] { ("ov-cli", ovIp), ("pl-cli", plIp) })
        {
            await Eventually.UntilAsync(async () => (await h1.DockerAsync("exec", cli, "timeout", "5", "wget", "-q", "-O", "/dev/null", $"http://{ip}:8080/big.bin")).ExitCode == 0,
                $"{cli} to fetch from {ip}", TimeSpan.FromSeconds(90));
        }

        var ovThroughput = new List<double>();
        var plThroughput = new List<double>();
        var ovLatency = new List<double>();
        var plLatency = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            ovThroughput.Add(await ThroughputAsync(h1, "ov-cli", ovIp));
            plThroughput.Add(await ThroughputAsync(h1, "pl-cli", plIp));
            ovLatency.Add(await LatencyAsync(h1, "ov-cli", ovIp));
            plLatency.Add(await LatencyAsync(h1, "pl-cli", plIp));
        }
        var (ot, pt, ol, pl) = (Median(ovThroughput), Median(plThroughput), Median(ovLatency), Median(plLatency));
        Console.WriteLine(FormattableString.Invariant($"throughput h1 ctr -> h2 ctr ({Downloads} x {MiB} MiB): overlay {ot:0.0} MiB/s {Runs(ovThroughput)}, plain {pt:0.0} MiB/s {Runs(plThroughput)}"));
        Console.WriteLine(FormattableString.Invariant($"latency (ping avg): overlay {ol:0.000} ms {Runs(ovLatency)}, plain {pl:0.000} ms {Runs(plLatency)}"));
        Console.WriteLine(FormattableString.Invariant($"ratio overlay / plain: throughput {ot / pt:0.000}x, latency {ol / pl:0.00}x (median of {runs})"));
    }

    private static async Task<double> ThroughputAsync(LabHost host, string cli, string ip)
    {
        var baseline = Stopwatch.StartNew();
        (await host.DockerAsync("exec", cli, "true")).EnsureSuccess("exec");
        var overhead = baseline.Elapsed.TotalSeconds;
        var loop = $"for i in $(seq 1 {Downloads}); do wget -q -O /dev/null http://{ip}:8080/big.bin || exit 1; done";
        var watch = Stopwatch.StartNew();
        (await host.DockerAsync("exec", cli, "sh", "-c", loop)).EnsureSuccess("downloads");
        var seconds = Math.Max(watch.Elapsed.TotalSeconds - overhead, 0.001);
        return Downloads * MiB / seconds;
    }

    private static async Task<double> LatencyAsync(LabHost host, string cli, string ip)
    {
        var ping = (await host.DockerAsync("exec", cli, "ping", "-c", "20", "-i", "0.2", ip)).EnsureSuccess("ping");
        var match = PingAverage().Match(ping.Stdout);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Runs(List<double> values) => "[" + string.Join('/', values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))) + "]";

    [GeneratedRegex(@"min/avg/max = [\d.]+/([\d.]+)/")]
    private static partial Regex PingAverage();
}
