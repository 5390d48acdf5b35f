using System.Globalization;
using System.Text.RegularExpressions;
using Satama.Client.Dtos;
using Satama.Testing.Platform;
using Satama.Testing.Processes;

namespace Satama.Testing.Lab;

/// <summary>
/// N simulated hosts (LabNetwork), a master on the lab bridge, one grid and one real agent per
/// host inside the host's network namespace, with its own engine, WireGuard interface and DNS.
/// Disposing stops everything and tears the lab down, also when the test failed.
/// </summary>
public sealed partial class OverlayLab : IAsyncDisposable
{
    private readonly Dictionary<int, SatamaProcess> _agents = [];

    private OverlayLab(LabNetwork lab, MasterProcess master, string grid, string token)
    {
        Lab = lab;
        Master = master;
        Grid = grid;
        Token = token;
    }

    public LabNetwork Lab { get; }

    public MasterProcess Master { get; }

    public string Grid { get; }

    public string Token { get; }

    public static async Task<OverlayLab> StartAsync(int hosts)
    {
        var image = await TestImages.BusyboxAsync();
        var lab = await LabNetwork.CreateAsync();
        MasterProcess? master = null;
        try
        {
            for (var n = 1; n <= hosts; n++)
            {
                var host = await lab.AddHostAsync(n);
                await host.LoadImageAsync(image);
            }
            master = await MasterProcess.StartOnAsync(lab.Gateway);
            var grid = await master.Client.CreateGridAsync(new GridCreateRequest(UniqueNames.Next("g")));
            var overlay = new OverlayLab(lab, master, grid.Name, grid.Token);
            foreach (var host in lab.Hosts)
            {
                overlay.StartAgent(host);
            }
            await overlay.UntilOnlineAsync([.. lab.Hosts.Select(h => h.Name)]);
            return overlay;
        }
        catch
        {
            if (master is not null)
            {
                await master.DisposeAsync();
            }
            await lab.DisposeAsync();
            throw;
        }
    }

    public string Interface(LabHost host) => $"{Lab.Prefix}w{host.Number.ToString(CultureInfo.InvariantCulture)}";

    public void StartAgent(LabHost host)
    {
        var data = Path.Combine(host.DataDir, "agent");
        _agents[host.Number] = SatamaProcess.Start([
            "agent", "start",
            "--master", Master.Url.ToString().TrimEnd('/'),
            "--grid-token", Token,
            "--ca-fingerprint", Master.CaFingerprint,
            "--name", host.Name,
            "--docker-host", host.DockerHost,
            "--address", host.Address,
            "--data", data,
            "--wg-interface", Interface(host),
        ], wrapper: ["nsenter", $"--net=/var/run/netns/{host.Namespace}"]);
    }

    public async Task UntilOnlineAsync(IReadOnlyList<string> nodes) =>
        await Eventually.UntilAsync(async () =>
        {
            foreach (var (n, agent) in _agents)
            {
                if (agent.HasExited)
                {
                    throw new GiveUpException($"the agent of h{n} exited:\n{agent.Output}");
                }
            }
            var listed = await Master.Client.ListNodesAsync(Grid);
            return (nodes.All(n => listed.Any(l => l.Name == n && l.Online)), string.Join(", ", listed.Select(l => $"{l.Name}:{(l.Online ? "online" : "offline")}")));
        }, $"nodes {string.Join(", ", nodes)} online", TimeSpan.FromSeconds(90));

    /// <summary>
    /// Runs <paramref name="test"/> on a lab of <paramref name="hosts"/> hosts, torn down afterwards; a failure
    /// carries the agents' and the master's output (a <see cref="GiveUpException"/> already describes itself).
    /// </summary>
    public static async Task RunAsync(int hosts, Func<OverlayLab, Task> test)
    {
        await using var overlay = await StartAsync(hosts);
        try
        {
            await test(overlay);
        }
        catch (Exception e) when (e is not GiveUpException)
        {
            throw new InvalidOperationException($"{e.Message}\n{overlay.AgentOutput()}", e);
        }
    }

    /// <summary>The agents' output, for failure messages.</summary>
    public string AgentOutput(int tail = 60) => string.Join("\n", _agents.Select(a =>
        $"--- agent h{a.Key.ToString(CultureInfo.InvariantCulture)}\n" + Tail(a.Value.Output, tail)))
        + "\n--- master\n" + Tail(Master.Output, tail);

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));

    public async Task StopAgentAsync(int host)
    {
        if (_agents.Remove(host, out var agent))
        {
            await agent.DisposeAsync();
        }
    }

    /// <summary>The host whose engine runs the container of this service (by the io.satama.service label), and its id.</summary>
    public async Task<(LabHost Host, string Id)?> FindAsync(string service)
    {
        foreach (var host in Lab.Hosts)
        {
            var ps = await host.DockerAsync("ps", "-q", "--filter", $"label=io.satama.service={service}", "--filter", "status=running");
            var id = ps.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (ps.ExitCode == 0 && id is not null)
            {
                return (host, id);
            }
        }
        return null;
    }

    /// <summary>The IPv4 addresses in busybox nslookup's answer (not the server's own line).</summary>
    public static IReadOnlyList<string> Addresses(string nslookup) =>
        [.. AddressLine().Matches(nslookup).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents.Values)
        {
            await agent.DisposeAsync();
        }
        _agents.Clear();
        await Master.DisposeAsync();
        await Lab.DisposeAsync();
    }

    [GeneratedRegex(@"^Address:\s*(\d+\.\d+\.\d+\.\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex AddressLine();
}
