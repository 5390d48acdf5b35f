using System.Diagnostics;
using Satama.Client.Dtos;
using Satama.Testing;
using Satama.Testing.Lab;

namespace Satama.E2E.Overlay;

/// <summary>
/// Three simulated hosts joined into one grid: containers on different hosts reach each other
/// by overlay address, find each other by name through the node's DNS, and the traffic between
/// hosts is WireGuard, never plaintext.
/// </summary>
[Collection("lab")]
public sealed class OverlayNetworkTests
{
    private static readonly IReadOnlyList<string> s_webCommand = ["sh", "-c", "hostname > /www/id && exec httpd -f -p 8080 -h /www"];

    [Fact]
    public Task A_client_resolves_web_and_reaches_every_instance_across_hosts_over_wireguard_only() =>
        OverlayLab.RunAsync(3, RunAsync);

    private static async Task RunAsync(OverlayLab overlay)
    {
        var client = overlay.Master.Client;
        var grid = overlay.Grid;
        await client.CreateServiceAsync(grid, new ServiceCreateRequest("web", TestImages.Busybox, 3, Command: s_webCommand, Stack: "shop",
            HealthCheck: new HealthCheckDto("http", 8080, "/index.html", IntervalSeconds: 1)));
        await client.CreateServiceAsync(grid, new ServiceCreateRequest("client", TestImages.Busybox, 1, Command: ["sleep", "3600"], Stack: "shop"));

        var web = await Eventually.ValueAsync(() => client.GetServiceAsync(grid, "shop", "web"),
            s => s.InstanceList.Count == 3 && s.InstanceList.All(i => i.State == "running" && i.Health == "healthy"),
            "web to have 3 healthy instances", TimeSpan.FromSeconds(120),
            s => string.Join(", ", s.InstanceList.Select(i => $"{i.Name}@{i.Node}={i.State}/{i.Health} {i.HealthDetail}")));
        Assert.Equal(3, web.InstanceList.Select(i => i.Node).Distinct().Count());

        // DNS: the short name inside the stack, the full name and an instance name.
        var (clientHost, clientId, lookup) = await Eventually.ValueAsync(async () =>
            {
                var found = await overlay.FindAsync("client");
                return found is { } c ? (c.Host, c.Id, await c.Host.DockerAsync("exec", c.Id, "nslookup", "web")) : default;
            },
            r => r.Item3 is { } result && OverlayLab.Addresses(result.Stdout).Count == 3,
            "the client to resolve web to 3 addresses", TimeSpan.FromSeconds(90), r => r.Item3 is { } result ? result.Stdout + result.Stderr : "no client container");
        var addresses = OverlayLab.Addresses(lookup.Stdout);
        Assert.All(addresses, a => Assert.StartsWith("10.90.", a, StringComparison.Ordinal));
        Assert.Equal(3, addresses.Select(a => a.Split('.')[2]).Distinct().Count());
        var full = await clientHost.DockerAsync("exec", clientId, "nslookup", $"web.shop.{grid}.satama.local");
        Assert.Equal(addresses, OverlayLab.Addresses(full.Stdout));
        var one = await clientHost.DockerAsync("exec", clientId, "nslookup", $"web-2.web.shop.{grid}.satama.local");
        Assert.Single(OverlayLab.Addresses(one.Stdout));

        // A capture on the LAN while the client fetches from every instance.
        var capture = Path.Combine(overlay.Lab.Root, "lan.pcap");
        var captureLog = "";
        using var tcpdump = Process.Start(new ProcessStartInfo("tcpdump", ["-i", overlay.Lab.Bridge, "-n", "--immediate-mode", "-U", "-w", capture])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            // tcpdump says "listening on ..." once it captures; on a loaded machine that can take longer than the fetches.
            using (var started = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            {
                string? line;
                while ((line = await tcpdump.StandardError.ReadLineAsync(started.Token)) is not null && !line.Contains("listening on", StringComparison.Ordinal))
                {
                }
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var address in addresses)
            {
                var fetched = await Eventually.ValueAsync(
                    () => clientHost.DockerAsync("exec", clientId, "timeout", "5", "wget", "-q", "-O", "-", $"http://{address}:8080/id"),
                    r => r.ExitCode == 0 && r.Stdout.Trim().Length > 0,
                    $"the client to fetch /id from {address}", TimeSpan.FromSeconds(60), r => r.Stderr);
                seen.Add(fetched.Stdout.Trim());
            }
            Assert.Equal(3, seen.Count);
            var byName = await clientHost.DockerAsync("exec", clientId, "timeout", "5", "wget", "-q", "-O", "-", "http://web:8080/index.html");
            Assert.Equal("hello from satama", byName.EnsureSuccess("wget web").Stdout.Trim());
        }
        finally
        {
            // Immediate mode hands every packet over at once; a moment more lets the last ones be written.
            await Task.Delay(TimeSpan.FromSeconds(1));
            await Shell.RunAsync("kill", ["-INT", tcpdump.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await tcpdump.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            captureLog = await tcpdump.StandardError.ReadToEndAsync();
        }
        // A frozen master changes nothing on the data plane: names still resolve from the agents' last records.
        await Shell.RunAsync("kill", ["-STOP", overlay.Master.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        try
        {
            var frozen = await clientHost.DockerAsync("exec", clientId, "nslookup", "web");
            Assert.Equal(addresses, OverlayLab.Addresses(frozen.Stdout));
            (await clientHost.DockerAsync("exec", clientId, "timeout", "5", "wget", "-q", "-O", "/dev/null", "http://web:8080/index.html")).EnsureSuccess("wget web with the master frozen");
        }
        finally
        {
            await Shell.RunAsync("kill", ["-CONT", overlay.Master.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var wireGuard = await Shell.RunAsync("tcpdump", ["-r", capture, "-n", "udp port 51820"]);
        var http = await Shell.RunAsync("tcpdump", ["-r", capture, "-n", "-A", "tcp port 8080"]);
        var all = await Shell.RunAsync("tcpdump", ["-r", capture, "-n", "-e", "-A"]);
        Assert.True(wireGuard.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 6, "WireGuard packets on the LAN:\n" + wireGuard.Stdout + wireGuard.Stderr
            + "\ntcpdump: " + captureLog + "\nall packets (first 40 lines):\n" + string.Join('\n', all.Stdout.Split('\n').Take(40)));
        Assert.Empty(http.Stdout.Trim());
        Assert.DoesNotContain("GET /id", all.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("hello from satama", all.Stdout, StringComparison.Ordinal);
    }
}
