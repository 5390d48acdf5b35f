using Satama.Client.Dtos;
using Satama.Testing;
using Satama.Testing.Lab;

namespace Satama.E2E.Overlay;

/// <summary>
/// The master link cut so that packets are silently dropped (iptables DROP on the host, no FIN, no RST):
/// the master marks the node offline by its heartbeat deadline, the host's containers and DNS keep working,
/// and when the link heals the agent finds out by its own deadline, reconnects and converges without duplicates.
/// </summary>
[Collection("lab")]
public sealed class LinkCutTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public Task A_silently_dropped_master_link_is_detected_on_both_sides_and_heals_without_duplicates() =>
        OverlayLab.RunAsync(2, RunAsync);

    private static async Task RunAsync(OverlayLab overlay)
    {
        var client = overlay.Master.Client;
        var grid = overlay.Grid;
        await client.CreateServiceAsync(grid, new ServiceCreateRequest("web", TestImages.Busybox, 2, Command: TestImages.HttpdCommand, Stack: "shop",
            HealthCheck: new HealthCheckDto("http", 8080, "/index.html", IntervalSeconds: 1)));
        await Eventually.ValueAsync(() => client.GetServiceAsync(grid, "shop", "web"),
            s => s.Deployment is null && s.Healthy == 2 && s.InstanceList.Select(i => i.Node).Distinct().Count() == 2,
            "web healthy on both hosts", s_timeout);
        var host = overlay.Lab.Hosts[0];
        var before = await ContainersAsync(host);
        Assert.Single(before);

        var master = overlay.Lab.Gateway;
        string[][] rules = [["OUTPUT", "-d", master], ["INPUT", "-s", master]];
        foreach (var rule in rules)
        {
            (await host.ExecAsync(["iptables", "-I", rule[0], rule[1], rule[2], "-j", "DROP"])).EnsureSuccess("iptables -I");
        }
        try
        {
            await Eventually.UntilAsync(async () => !(await client.GetNodeAsync(grid, host.Name)).Online,
                $"the master to mark {host.Name} offline by its heartbeat deadline", s_timeout);
            // The data plane does not need the master: the container runs on, and the other host still reaches it by name.
            Assert.Equal(before, await ContainersAsync(host));
        }
        finally
        {
            foreach (var rule in rules)
            {
                await host.ExecAsync(["iptables", "-D", rule[0], rule[1], rule[2], "-j", "DROP"]);
            }
        }

        await Eventually.UntilAsync(async () => (await client.GetNodeAsync(grid, host.Name)).Online,
            $"{host.Name}'s agent to notice the dead link, reconnect and be online again", s_timeout);
        var web = await Eventually.ValueAsync(() => client.GetServiceAsync(grid, "shop", "web"),
            s => s.Healthy == 2 && s.InstanceList.Count == 2, "web healthy again", s_timeout);
        Assert.Equal(before, await ContainersAsync(host));
        Assert.Equal(2, web.InstanceList.Select(i => i.Node).Distinct().Count());
    }

    // The ids of the host's running web containers.
    private static async Task<List<string>> ContainersAsync(LabHost host) =>
        [.. (await host.DockerAsync("ps", "-q", "--filter", "label=io.satama.service=web")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
}
