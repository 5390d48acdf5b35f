using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Satama.Agent.Docker;
using Satama.Agent.Reconciler;
using Satama.Core.Model;
using Satama.Core.Overlay;
using Satama.Protocol;

namespace Satama.Agent.Overlay;

/// <summary>
/// The node's part of the grid's overlay: the Docker bridge network on its /24, the WireGuard
/// interface with every other node as a peer, and the DNS server on the bridge gateway. Driven
/// by the master's <see cref="OverlayConfig"/> and <see cref="DnsRecords"/>; both are kept in the
/// data dir, so after a restart (or while the master is away) the node sets up and answers from
/// the last ones. Failures are logged and retried; containers keep running meanwhile.
/// </summary>
internal sealed partial class OverlayAgent : IAsyncDisposable
{
    public const string StateFile = "overlay.json";
    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(5);

    private readonly DockerContainerDriver _driver;
    private readonly ContainerReconciler _reconciler;
    private readonly WireGuardLink _wireGuard;
    private readonly DnsResponder _dns;
    private readonly string _statePath;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private OverlayState _state;
    private Task? _loop;

    private OverlayAgent(AgentOptions options, WireGuardKeys keys, DockerContainerDriver driver, ContainerReconciler reconciler, ILogger logger)
    {
        Keys = keys;
        Port = options.OverlayPort;
        _driver = driver;
        _reconciler = reconciler;
        _logger = logger;
        _statePath = Path.Combine(options.DataDir, StateFile);
        _state = LoadState(_statePath, logger);
        _wireGuard = new WireGuardLink(options.WgInterface!, options.OverlayPort, keys, options.DataDir, logger);
        _dns = new DnsResponder(_state.Zone ?? DnsZone.Empty(""), StackOf, logger);
    }

    public WireGuardKeys Keys { get; }

    public int Port { get; }

    /// <summary>The last config the node applied in full (network, WireGuard, DNS), or null.</summary>
    public OverlayView? Applied { get; private set; }

    /// <summary>Why the last apply failed, if it did.</summary>
    public string? LastError { get; private set; }

    public DnsResponder Dns => _dns;

    public WireGuardLink WireGuard => _wireGuard;

    public static async Task<OverlayAgent> StartAsync(AgentOptions options, DockerContainerDriver driver, ContainerReconciler reconciler, ILogger logger, CancellationToken ct)
    {
        var keys = await WireGuardKeys.LoadOrCreateAsync(options.DataDir, ct);
        var agent = new OverlayAgent(options, keys, driver, reconciler, logger);
        reconciler.Shape = agent.Shape;
        agent._loop = Task.Run(() => agent.RunAsync(agent._stop.Token), CancellationToken.None);
        return agent;
    }

    /// <summary>Announces the node's WireGuard identity in Hello.</summary>
    public void Describe(NodeInfo info)
    {
        info.OverlayPublicKey = Keys.PublicKey;
        info.OverlayPort = Port;
    }

    public void OnConfig(string grid, OverlayConfig config)
    {
        var view = new OverlayView(grid, config.GridSubnet, config.NodeSubnet,
            [.. config.Peers.Select(p => new OverlayPeerView(p.Node, p.PublicKey, p.Endpoint, p.Subnet))]);
        Update(s => s with { Config = view });
    }

    public void OnRecords(DnsRecords records)
    {
        var zone = new DnsZone(records.Grid,
            [.. records.Instances.Select(i => new Core.Overlay.DnsInstance(i.Stack, i.Service, i.Instance, i.Address))],
            [.. records.Services.Select(s => new Core.Overlay.DnsService(s.Stack, s.Service))]);
        _dns.Zone = zone;
        Update(s => s with { Zone = zone }, apply: false);
    }

    /// <summary>
    /// The desired set with the grid's containers bound to the overlay network (see <see cref="OverlayAttachment"/>).
    /// Null (hold the pass) while the network is not set up yet, for at most <see cref="HoldLimit"/> after start,
    /// so containers are not first created on the default bridge and then replaced.
    /// </summary>
    public Core.Reconciling.DesiredNodeView? Shape(Core.Reconciling.DesiredNodeView view)
    {
        if (_driver.Overlay is { } attachment)
        {
            return attachment.Shape(view);
        }
        return DateTimeOffset.UtcNow - _started < HoldLimit ? null : view;
    }

    /// <summary>How long containers wait for the overlay network after the agent starts.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(20);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await Task.WhenAny(_loop);
        }
        _dns.Dispose();
        _stop.Dispose();
    }

    private void Update(Func<OverlayState, OverlayState> change, bool apply = true)
    {
        lock (_gate)
        {
            var next = change(_state);
            if (next == _state)
            {
                return;
            }
            _state = next;
            try
            {
                JsonFile.Write(_statePath, next);
            }
            catch (IOException e)
            {
                LogSaveFailed(e.Message);
            }
        }
        if (apply)
        {
            _wake.Writer.TryWrite(true);
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        _wake.Writer.TryWrite(true);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _wake.Reader.ReadAsync(ct);
                OverlayView? config;
                lock (_gate)
                {
                    config = _state.Config;
                }
                if (config is not null && config != Applied)
                {
                    await ApplyAsync(config, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is OverlayException or IOException or System.Net.Sockets.SocketException or InvalidOperationException or global::Docker.DotNet.DockerApiException or HttpRequestException)
            {
                LastError = e.Message;
                LogApplyFailed(e.Message, s_retry);
                try
                {
                    await Task.Delay(s_retry, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                _wake.Writer.TryWrite(true);
            }
        }
    }

    private async Task ApplyAsync(OverlayView config, CancellationToken ct)
    {
        var subnet = OverlaySubnets.Parse(config.NodeSubnet) ?? throw new OverlayException($"node subnet '{config.NodeSubnet}' is not an IPv4 network");
        var gateway = OverlaySubnets.Gateway(subnet);
        // Local first: the bridge network and the DNS server work on one node even before the tunnel does.
        await _driver.EnsureNetworkAsync(config.NetworkName, subnet.ToString(), gateway.ToString(), config.Grid, ct);
        var attachment = new OverlayAttachment(config.Grid, config.NetworkName, subnet.ToString(), gateway.ToString());
        if (_driver.Overlay != attachment)
        {
            _driver.Overlay = attachment;
            _reconciler.Trigger();
        }
        _dns.Listen(gateway);
        await _wireGuard.ApplyAsync(config, ct);
        Applied = config;
        LastError = null;
        LogApplied(config.NodeSubnet, _wireGuard.Interface, _wireGuard.Implementation ?? "?", config.Peers.Count);
    }

    /// <summary>The stack of the local container with this address (for short names), from the last pass.</summary>
    private string? StackOf(IPAddress address)
    {
        var text = address.ToString();
        var line = _reconciler.LastReport?.Containers.FirstOrDefault(c => c.Actual?.IpAddress == text);
        return line?.Actual?.Labels.GetValueOrDefault(SatamaLabels.Stack) ?? line?.Desired?.Stack;
    }

    private static OverlayState LoadState(string path, ILogger logger)
    {
        try
        {
            return JsonFile.Read<OverlayState>(path) ?? new OverlayState(null, null);
        }
        catch (System.Text.Json.JsonException e)
        {
            LogStateUnreadable(logger, path, e.Message);
            return new OverlayState(null, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Overlay up: subnet {Subnet}, {Interface} ({Implementation}) with {Peers} peers")]
    private partial void LogApplied(string subnet, string @interface, string implementation, int peers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overlay setup failed: {Reason}; retrying in {Delay}")]
    private partial void LogApplyFailed(string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the overlay state: {Reason}")]
    private partial void LogSaveFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring unreadable overlay state {Path}: {Reason}")]
    private static partial void LogStateUnreadable(ILogger logger, string path, string reason);
}
