using System.Reflection;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Satama.Agent.Docker;
using Satama.Agent.Health;
using Satama.Agent.Overlay;
using Satama.Agent.Reconciler;
using Satama.Protocol;

namespace Satama.Agent.MasterLink;

/// <summary>
/// Keeps a link to the master up: dials, runs a <see cref="MasterSession"/> until it ends,
/// waits a backoff, dials again. Reconciling never waits for it: the containers keep
/// running from the last desired set while the master is away.
/// </summary>
internal sealed partial class MasterConnector
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(10);

    private readonly AgentOptions _options;
    private readonly ContainerReconciler _reconciler;
    private readonly IContainerDriver _driver;
    private readonly CaTrust _trust;
    private readonly TimeProvider _time;
    private readonly ILogger<MasterConnector> _logger;
    private readonly LinkBackoff _backoff = new();
    private readonly NodeCredentialFile _credential;
    private volatile MasterSession? _current;
    private EngineInfo? _engine;
    private readonly HealthMonitor? _health;
    private int _sessions;

    /// <summary>The node's ingress load balancer, when it runs one: it gets the routes of every desired set.</summary>
    public Lb.LbServer? Lb { get; set; }

    private readonly OverlayAgent? _overlay;

    public MasterConnector(AgentOptions options, ContainerReconciler reconciler, IContainerDriver driver, CaTrust trust, TimeProvider time, ILogger<MasterConnector> logger, HealthMonitor? health = null,
        OverlayAgent? overlay = null)
    {
        _overlay = overlay;
        _health = health;
        if (health is not null)
        {
            // A health change is news for the master (a rollout may be waiting on it): report at once.
            health.Changed += (_, _) =>
            {
                if (reconciler.LastReport is { } last)
                {
                    _current?.OfferReport(last);
                }
            };
        }
        _options = options;
        _credential = new NodeCredentialFile(options.DataDir);
        _reconciler = reconciler;
        _driver = driver;
        _trust = trust;
        _time = time;
        _logger = logger;
        _reconciler.Reported += (report, urgent) =>
        {
            if (urgent)
            {
                _current?.OfferReport(report);
            }
        };
    }

    /// <summary>Connections attempted so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>Why the last connection failed or ended, if it did.</summary>
    public string? LastError { get; private set; }

    /// <summary>True while a session has been welcomed by the master.</summary>
    public bool Connected => _current?.Grid is not null;

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var outcome = SessionOutcome.Dropped;
            try
            {
                outcome = await RunSessionAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                // Stopping: the call ends with a cancellation of one kind or another.
                return;
            }
            catch (Exception e)
            {
                LastError = e.Message;
                LogSessionFailed(e);
            }
            if (ct.IsCancellationRequested)
            {
                return;
            }
            var delay = outcome == SessionOutcome.Rejected ? _backoff.Long() : _backoff.Next();
            LogRetrying(delay);
            try
            {
                await Task.Delay(delay, _time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<SessionOutcome> RunSessionAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _sessions);
        // A fresh channel (and TCP connection) per session: after a half-open link the old
        // connection is unusable, and HTTP/2 pooling would otherwise try to reuse it.
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = s_connectTimeout,
            SslOptions = { RemoteCertificateValidationCallback = _trust.Validate },
        };
        using var channel = GrpcChannel.ForAddress(_options.MasterUrl, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        var credential = _credential.Read();
        var hello = new Hello
        {
            // A node with a credential is known by it alone: the grid token is for joining.
            GridToken = credential.Length > 0 ? "" : _options.GridToken,
            NodeCredential = credential,
            Node = ProtocolMapping.ToNodeInfo(await EngineAsync(ct), _options.NodeName, _options.Labels, _options.Address, AgentVersion),
            AppliedVersion = _reconciler.DesiredVersion,
        };
        _overlay?.Describe(hello.Node);
        await AddDiagnosticsAsync(hello.Node, ct);
        var session = new MasterSession(new AgentLink.AgentLinkClient(channel), hello, _reconciler, _driver, _options.NodeName, _time, _logger, _health is null ? null : _health.Get,
            issued =>
            {
                _credential.Save(issued);
                LogCredentialSaved(_credential.Path);
            },
            Lb,
            _overlay);
        _current = session;
        try
        {
            var outcome = await session.RunAsync(ct);
            if (session.Grid is not null)
            {
                // It was welcomed: the master is up, so the next attempt starts from the short delay.
                _backoff.Reset();
            }
            LastError = session.LastError ?? (outcome == SessionOutcome.Rejected ? "rejected" : "closed by the master");
            if (session.CredentialRevoked)
            {
                LogCredentialRevoked(_credential.Path);
            }
            return outcome;
        }
        finally
        {
            _current = null;
        }
    }

    private async Task<EngineInfo> EngineAsync(CancellationToken ct)
    {
        try
        {
            _engine = await _driver.GetEngineInfoAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEngineInfoFailed(e);
        }
        return _engine ?? new EngineInfo("", "", "", "", 0, 0, "", "");
    }

    // The preflight's facts ride on every Hello; failing to collect them never keeps the agent from connecting.
    private async Task AddDiagnosticsAsync(NodeInfo info, CancellationToken ct)
    {
        try
        {
            if (await _driver.GetDiagnosticsAsync(_options.NodeName, ct) is { } diagnostics)
            {
                DoctorMapping.Fill(info, diagnostics);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDiagnosticsFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not collect the node preflight facts for Hello")]
    private partial void LogDiagnosticsFailed(Exception exception);

    private static string AgentVersion =>
        typeof(MasterConnector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting to the master in {Delay}")]
    private partial void LogRetrying(TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection to the master failed")]
    private partial void LogSessionFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Joined: the node credential is saved in {Path}; the agent presents it from now on")]
    private partial void LogCredentialSaved(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "The master refused this node's credential: the node was removed from its grid. To join again, delete {Path} and start the agent with a current grid token")]
    private partial void LogCredentialRevoked(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read engine info for Hello")]
    private partial void LogEngineInfoFailed(Exception exception);
}
