using Satama.Client.Dtos;
using Satama.Testing.Processes;

namespace Satama.Testing.Platform;

/// <summary>
/// A fresh grid on the master and a real `satama agent start` process joined to it, on the
/// default engine. Disposing stops the agent and removes every container of the grid, also
/// when the test failed.
/// </summary>
public sealed class GridAgent : IAsyncDisposable
{
    private readonly MasterProcess _master;
    private readonly TempDirectory _data = new("satama-e2e-agent-");
    private SatamaProcess? _process;
    private IReadOnlyList<string> _extraArgs = [];

    private GridAgent(MasterProcess master, string grid, string node)
    {
        _master = master;
        Grid = grid;
        Node = node;
    }

    public string Grid { get; }

    public string Node { get; }

    public string Output => _process?.Output ?? "";

    public int Pid => _process?.Pid ?? 0;

    /// <summary>The agent's data directory (desired set, CA pin, node credential).</summary>
    public string DataDir => _data.Path;

    /// <param name="master">The master the agent joins.</param>
    /// <param name="extraArgs">More `agent start` arguments, e.g. labels and load balancer ports.</param>
    public static async Task<GridAgent> StartAsync(MasterProcess master, params string[] extraArgs)
    {
        var agent = new GridAgent(master, UniqueNames.Next("g"), UniqueNames.Next("n")) { _extraArgs = extraArgs };
        try
        {
            await master.Client.CreateGridAsync(new GridCreateRequest(agent.Grid));
            await agent.StartProcessAsync();
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    public async Task StartProcessAsync()
    {
        var grid = await _master.Client.GetGridAsync(Grid);
        _process = SatamaProcess.Start([
            "agent", "start",
            "--master", _master.Url.ToString().TrimEnd('/'),
            "--grid-token", grid.Token,
            "--ca-fingerprint", _master.CaFingerprint,
            "--name", Node,
            "--data", _data.Path,
            // One engine shared by every test: no overlay network, WireGuard or DNS here (tests/Satama.E2E/Overlay has them, on simulated hosts).
            "--no-overlay",
            .. _extraArgs,
        ]);
        await Eventually.UntilAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new GiveUpException($"the agent exited:\n{_process.Output}");
            }
            var nodes = await _master.Client.ListNodesAsync(Grid);
            return (nodes.Any(n => n.Name == Node && n.Online), string.Join(", ", nodes.Select(n => $"{n.Name}:{(n.Online ? "online" : "offline")}")));
        }, $"node {Node} online in grid {Grid}");
    }

    /// <summary>Stops the agent (SIGTERM, or SIGKILL when <paramref name="kill"/>); containers stay.</summary>
    public async Task StopProcessAsync(bool kill = false)
    {
        if (_process is null)
        {
            return;
        }
        if (kill)
        {
            await _process.KillAsync();
        }
        else
        {
            await _process.StopAsync();
        }
        await _process.DisposeAsync();
        _process = null;
    }

    /// <summary>The grid's containers as Docker sees them: name → state.</summary>
    public async Task<IReadOnlyDictionary<string, string>> DockerContainersAsync()
    {
        var result = await Shell.DockerAsync("ps", "-a", "--filter", $"label=io.satama.grid={Grid}", "--format", "{{.Names}} {{.State}}");
        result.EnsureSuccess("docker ps");
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        var ids = await Shell.DockerAsync("ps", "-aq", "--filter", $"label=io.satama.grid={Grid}");
        var list = ids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (list.Length > 0)
        {
            await Shell.DockerAsync(["rm", "-f", .. list]);
        }
        _data.Dispose();
    }
}
