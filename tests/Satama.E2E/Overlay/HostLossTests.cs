using Satama.Client;
using Satama.Client.Dtos;
using Satama.Testing;
using Satama.Testing.Lab;

namespace Satama.E2E.Overlay;

/// <summary>
/// Losing a host: its instances leave DNS at once, come back on the survivors after the grace
/// period, the client's requests succeed again, and the host returns without duplicates.
/// </summary>
[Collection("lab")]
public sealed class HostLossTests
{
    private static readonly TimeSpan s_recovery = TimeSpan.FromSeconds(240);

    [Fact]
    public Task Instances_of_a_killed_host_come_back_on_the_survivors_and_the_host_returns_without_duplicates() =>
        OverlayLab.RunAsync(3, RunAsync);

    private static async Task RunAsync(OverlayLab overlay)
    {
        var client = overlay.Master.Client;
        var grid = overlay.Grid;
        await client.CreateServiceAsync(grid, new ServiceCreateRequest("web", TestImages.Busybox, 3, Command: TestImages.HttpdCommand, Stack: "shop",
            HealthCheck: new HealthCheckDto("http", 8080, "/index.html", IntervalSeconds: 1)));
        await client.CreateServiceAsync(grid, new ServiceCreateRequest("client", TestImages.Busybox, 1, Command: ["sleep", "3600"], Stack: "shop"));
        await HealthyAsync(client, grid, 3, 3);
        var (clientHost, clientId) = await ClientAsync(overlay);
        await ResolvesAsync(clientHost, clientId, 3);

        // Power off a host that does not run the client: dockerd, containers, agent and WireGuard at once.
        var victim = overlay.Lab.Hosts.First(h => h != clientHost);
        await victim.PowerOffAsync();
        await overlay.StopAgentAsync(victim.Number);

        // Its instance leaves DNS as soon as the master sees the node offline, well before the grace period.
        await ResolvesAsync(clientHost, clientId, 2, TimeSpan.FromSeconds(45));
        var web = await HealthyAsync(client, grid, 3, 2, s_recovery);
        Assert.DoesNotContain(web.InstanceList, i => i.Node == victim.Name);
        var addresses = await ResolvesAsync(clientHost, clientId, 3, s_recovery);
        foreach (var address in addresses)
        {
            await FetchAsync(clientHost, clientId, $"http://{address}:8080/index.html");
        }
        await FetchAsync(clientHost, clientId, "http://web:8080/index.html");

        // The host comes back with its old containers on disk: it converges without duplicates.
        await victim.PowerOnAsync();
        overlay.StartAgent(victim);
        await overlay.UntilOnlineAsync([victim.Name]);
        await Eventually.UntilAsync(async () =>
        {
            var old = await victim.DockerAsync("ps", "-aq", "--filter", "label=io.satama.service=web");
            return (old.ExitCode == 0 && old.Stdout.Trim().Length == 0, $"web containers on {victim.Name}: {old.Stdout.Trim()} {old.Stderr.Trim()}");
        }, $"{victim.Name} to remove its old web container", s_recovery);
        web = await HealthyAsync(client, grid, 3, 2);
        Assert.Equal(3, web.InstanceList.Count);
        Assert.Equal(3, await CountRunningAsync(overlay.Lab, "web"));
        await ResolvesAsync(clientHost, clientId, 3);
    }

    private static Task<ServiceDto> HealthyAsync(SatamaClient client, string grid, int instances, int nodes, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => client.GetServiceAsync(grid, "shop", "web"),
            s => s.InstanceList.Count == instances && s.InstanceList.All(i => i.State == "running" && i.Health == "healthy")
                && s.InstanceList.Select(i => i.Node).Distinct().Count() == nodes,
            $"web to have {instances} healthy instances on {nodes} nodes", timeout ?? TimeSpan.FromSeconds(120),
            s => string.Join(", ", s.InstanceList.Select(i => $"{i.Name}@{i.Node}={i.State}/{i.Health}")));

    private static async Task<(LabHost Host, string Id)> ClientAsync(OverlayLab overlay) =>
        await Eventually.ValueAsync(() => overlay.FindAsync("client"), c => c is not null, "the client container to run", TimeSpan.FromSeconds(120)) ?? default;

    private static async Task<IReadOnlyList<string>> ResolvesAsync(LabHost host, string id, int count, TimeSpan? timeout = null)
    {
        var lookup = await Eventually.ValueAsync(
            () => host.DockerAsync("exec", id, "nslookup", "web"),
            r => OverlayLab.Addresses(r.Stdout).Count == count,
            $"the client to resolve web to {count} addresses", timeout ?? TimeSpan.FromSeconds(90), r => r.Stdout + r.Stderr);
        return OverlayLab.Addresses(lookup.Stdout);
    }

    private static Task FetchAsync(LabHost host, string id, string url) =>
        Eventually.ValueAsync(
            () => host.DockerAsync("exec", id, "timeout", "5", "wget", "-q", "-O", "-", url),
            r => r.ExitCode == 0 && r.Stdout.Trim() == "hello from satama",
            $"the client to fetch {url}", TimeSpan.FromSeconds(60), r => r.Stderr);

    private static async Task<int> CountRunningAsync(LabNetwork lab, string service)
    {
        var count = 0;
        foreach (var host in lab.Hosts)
        {
            var ps = await host.DockerAsync("ps", "-q", "--filter", $"label=io.satama.service={service}", "--filter", "status=running");
            count += ps.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }
        return count;
    }
}
