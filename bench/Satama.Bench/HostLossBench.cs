using System.Diagnostics;
using System.Globalization;
using Satama.Client.Dtos;
using Satama.Testing;
using Satama.Testing.Lab;

namespace Satama.Bench;

/// <summary>
/// Time from an abrupt host power-off to every instance healthy on the survivors, split into
/// the grace period (counted from the node's last heartbeat, so it includes the heartbeat timeout)
/// and the placement and start after it.
/// </summary>
internal static class HostLossBench
{
    private const int Instances = 3;

    public static async Task RunAsync(int runs)
    {
        var results = new List<(double Offline, double Healthy)>();
        for (var run = 0; run < runs; run++)
        {
            results.Add(await OnceAsync());
        }
        var grace = 60.0;
        var offline = results.Select(r => r.Offline).Order().ElementAt(results.Count / 2);
        var healthy = results.Select(r => r.Healthy).Order().ElementAt(results.Count / 2);
        Console.WriteLine(FormattableString.Invariant($"host kill -> node offline: {offline:0.0} s [{string.Join('/', results.Select(r => r.Offline.ToString("0.0", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(FormattableString.Invariant($"host kill -> {Instances} instances healthy on the survivors: {healthy:0.0} s [{string.Join('/', results.Select(r => r.Healthy.ToString("0.0", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(FormattableString.Invariant($"of which: grace period {grace:0} s (counted from the last heartbeat, so it contains the {offline:0.0} s to offline), placement and start {healthy - grace:0.0} s; ratio total / grace period: {healthy / grace:0.00}x"));
    }

    private static async Task<(double Offline, double Healthy)> OnceAsync()
    {
        await using var overlay = await OverlayLab.StartAsync(3);
        var client = overlay.Master.Client;
        var grid = overlay.Grid;
        await client.CreateServiceAsync(grid, new ServiceCreateRequest("web", TestImages.Busybox, Instances, Command: TestImages.HttpdCommand, Stack: "shop",
            HealthCheck: new HealthCheckDto("http", 8080, "/index.html", IntervalSeconds: 1)));
        await Eventually.ValueAsync(() => client.GetServiceAsync(grid, "shop", "web"),
            s => s.InstanceList.Count == Instances && s.InstanceList.All(i => i.Health == "healthy"), "web healthy", TimeSpan.FromSeconds(120));
        var victim = overlay.Lab.Hosts[^1];
        var watch = Stopwatch.StartNew();
        await victim.PowerOffAsync();
        await overlay.StopAgentAsync(victim.Number);
        await Eventually.UntilAsync(async () => !(await client.GetNodeAsync(grid, victim.Name)).Online, "node offline", TimeSpan.FromSeconds(60));
        var offline = watch.Elapsed.TotalSeconds;
        await Eventually.ValueAsync(() => client.GetServiceAsync(grid, "shop", "web"),
            s => s.InstanceList.Count == Instances && s.InstanceList.All(i => i.Node != victim.Name && i.State == "running" && i.Health == "healthy"),
            "web healthy on the survivors", TimeSpan.FromSeconds(240));
        return (offline, watch.Elapsed.TotalSeconds);
    }
}
