using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Satama.Agent.Docker;
using Satama.Agent.Health;
using Satama.Agent.Overlay;
using Satama.Agent.Reconciler;
using Satama.Protocol;

namespace Satama.Agent.MasterLink;

/// <summary>
/// One connection to the master: Hello, then Welcome or Rejected, then heartbeats, desired
/// sets, reports and requests until the link drops. All writes go through one channel drained
/// by one task, because a gRPC request stream allows only one writer at a time.
/// </summary>
internal sealed partial class MasterSession
{
    /// <summary>How long to wait for the Welcome (the master's own timeout is not known yet).</summary>
    public static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(2);

    private readonly AgentLink.AgentLinkClient _client;
    private readonly Hello _hello;
    private readonly ContainerReconciler _reconciler;
    private readonly IContainerDriver _driver;
    private readonly string _node;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<AgentMessage> _outgoing = Channel.CreateBounded<AgentMessage>(new BoundedChannelOptions(512) { SingleReader = true });
    private long _lastReceivedTicks;
    private TimeSpan _timeout = HandshakeTimeout;
    private readonly Func<string, HealthStatus>? _health;
    private volatile bool _welcomed;
    private readonly Action<string>? _credentialIssued;

    private readonly Lb.LbServer? _lb;

    private readonly OverlayAgent? _overlay;

    public MasterSession(AgentLink.AgentLinkClient client, Hello hello, ContainerReconciler reconciler, IContainerDriver driver, string node, TimeProvider time, ILogger logger, Func<string, HealthStatus>? health = null)
        : this(client, hello, reconciler, driver, node, time, logger, health, null)
    {
    }

    /// <summary>
    /// As above; <c>credentialIssued</c> is called with the node credential a Welcome carries (the first join), and
    /// <c>lb</c> is the ingress load balancer the desired sets' routes go to, <c>overlay</c> the node's overlay network and DNS.
    /// </summary>
    public MasterSession(AgentLink.AgentLinkClient client, Hello hello, ContainerReconciler reconciler, IContainerDriver driver, string node, TimeProvider time, ILogger logger,
        Func<string, HealthStatus>? health, Action<string>? credentialIssued, Lb.LbServer? lb = null, OverlayAgent? overlay = null)
    {
        _credentialIssued = credentialIssued;
        _lb = lb;
        _overlay = overlay;
        _health = health;
        _client = client;
        _hello = hello;
        _reconciler = reconciler;
        _driver = driver;
        _node = node;
        _time = time;
        _logger = logger;
    }

    /// <summary>The grid the master placed this node in (from Welcome).</summary>
    public string? Grid { get; private set; }

    /// <summary>Queues a report if the session is established; drops it when the queue is full (a newer one follows).</summary>
    public void OfferReport(NodeReport report)
    {
        if (_welcomed)
        {
            var message = ProtocolMapping.ToReport(report, _health);
            if (_lb is not null)
            {
                message.LbStatus = _lb.Status();
            }
            _outgoing.Writer.TryWrite(new AgentMessage { Report = message });
        }
    }

    public async Task<SessionOutcome> RunAsync(CancellationToken ct)
    {
        // Not linked to ct: on stop the agent first closes its side of the stream, so the
        // master sees an orderly goodbye rather than a broken link; the grace period bounds it.
        using var session = new CancellationTokenSource();
        using var stopping = ct.Register(() =>
        {
            _outgoing.Writer.TryComplete();
            session.CancelAfter(s_stopGrace);
        });
        using var call = _client.Connect(cancellationToken: session.Token);
        var requests = new LinkRequests(_driver, SendAsync, "", _node, _logger);
        Touch();
        var background = new List<Task>
        {
            WriteLoopAsync(call.RequestStream, session.Token),
            WatchdogAsync(session),
        };
        try
        {
            // The master measures clock skew from this: read the clock as late as possible.
            _hello.Node.ClockUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
            await SendAsync(new AgentMessage { Hello = _hello }, session.Token);
            await foreach (var message in call.ResponseStream.ReadAllAsync(session.Token))
            {
                Touch();
                switch (message.BodyCase)
                {
                    case MasterMessage.BodyOneofCase.Welcome:
                        requests = OnWelcome(message.Welcome, background, session.Token);
                        break;
                    case MasterMessage.BodyOneofCase.Rejected:
                        LogRejected(message.Rejected.Reason);
                        CredentialRevoked = message.Rejected.CredentialRevoked;
                        return SessionOutcome.Rejected;
                    case MasterMessage.BodyOneofCase.Desired:
                        OnDesired(message.Desired);
                        break;
                    case MasterMessage.BodyOneofCase.LogRequest:
                        requests.StartLogs(message.LogRequest, session.Token);
                        break;
                    case MasterMessage.BodyOneofCase.ExecRequest:
                        requests.StartExec(message.ExecRequest, session.Token);
                        break;
                    case MasterMessage.BodyOneofCase.Cancel:
                        requests.Cancel(message.Cancel.RequestId);
                        break;
                    case MasterMessage.BodyOneofCase.DoctorRequest:
                        requests.StartDoctor(message.DoctorRequest, session.Token);
                        break;
                    case MasterMessage.BodyOneofCase.OverlayConfig when Grid is { Length: > 0 } grid:
                        _overlay?.OnConfig(grid, message.OverlayConfig);
                        break;
                    case MasterMessage.BodyOneofCase.DnsRecords:
                        _overlay?.OnRecords(message.DnsRecords);
                        break;
                }
            }
            if (!ct.IsCancellationRequested)
            {
                LogClosedByMaster();
            }
            return SessionOutcome.Dropped;
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is RpcException or OperationCanceledException or IOException or ChannelClosedException)
        {
            if (session.IsCancellationRequested)
            {
                LogDead(_timeout);
            }
            else
            {
                LogLinkFailed(Describe(e));
            }
            LastError = Describe(e);
            return SessionOutcome.Dropped;
        }
        finally
        {
            _welcomed = false;
            await session.CancelAsync();
            _outgoing.Writer.TryComplete();
            await Quietly(Task.WhenAll(background));
            await Quietly(requests.DrainAsync());
        }
    }

    /// <summary>Why the last attempt failed, for logs and tests.</summary>
    public string? LastError { get; private set; }

    /// <summary>True when the master refused the node credential (the node was removed).</summary>
    public bool CredentialRevoked { get; private set; }

    private LinkRequests OnWelcome(Welcome welcome, List<Task> background, CancellationToken ct)
    {
        if (welcome.NodeCredential.Length > 0)
        {
            _credentialIssued?.Invoke(welcome.NodeCredential);
        }
        Grid = welcome.Grid;
        var interval = TimeSpan.FromMilliseconds(welcome.HeartbeatIntervalMs > 0 ? welcome.HeartbeatIntervalMs : 2000);
        _timeout = TimeSpan.FromMilliseconds(welcome.HeartbeatTimeoutMs > 0 ? welcome.HeartbeatTimeoutMs : 8000);
        _welcomed = true;
        LogWelcome(_node, welcome.Grid, welcome.NodeId);
        background.Add(HeartbeatLoopAsync(interval, ct));
        background.Add(ReportLoopAsync(ct));
        if (_reconciler.LastReport is { } report)
        {
            OfferReport(report);
        }
        return new LinkRequests(_driver, SendAsync, welcome.Grid, _node, _logger);
    }

    private void OnDesired(DesiredSet set)
    {
        _lb?.Apply(set);
        var grid = Grid is { Length: > 0 } g ? g
            : set.Containers.Select(c => c.Grid).FirstOrDefault(x => x.Length > 0) ?? _reconciler.Desired?.Grid;
        if (grid is null)
        {
            LogDesiredWithoutGrid(set.Version);
            return;
        }
        _reconciler.SetDesired(ProtocolMapping.ToView(set, grid, _node));
    }

    private ValueTask SendAsync(AgentMessage message, CancellationToken ct) => _outgoing.Writer.WriteAsync(message, ct);

    private async Task WriteLoopAsync(IClientStreamWriter<AgentMessage> stream, CancellationToken ct)
    {
        await foreach (var message in _outgoing.Reader.ReadAllAsync(ct))
        {
            await stream.WriteAsync(message, ct);
        }
        // The queue was completed: the agent is stopping (or the session is over). Say goodbye.
        await stream.CompleteAsync();
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken ct)
    {
        ulong seq = 0;
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(interval, _time, ct);
            await SendAsync(new AgentMessage { Heartbeat = new Heartbeat { Seq = ++seq, SentUnixMs = _time.GetUtcNow().ToUnixTimeMilliseconds() } }, ct);
        }
    }

    private async Task ReportLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(ReportInterval, _time, ct);
            if (_reconciler.LastReport is { } report)
            {
                OfferReport(report);
            }
        }
    }

    /// <summary>
    /// Half-open detection: a master that vanished without closing the connection sends
    /// nothing, and TCP may not notice for minutes. No message for the timeout ends the session.
    /// </summary>
    private async Task WatchdogAsync(CancellationTokenSource session)
    {
        while (!session.IsCancellationRequested)
        {
            var quiet = _time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref _lastReceivedTicks), TimeSpan.Zero);
            if (quiet > _timeout)
            {
                await session.CancelAsync();
                return;
            }
            var check = TimeSpan.FromTicks(Math.Clamp(_timeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
            await Task.Delay(check, _time, session.Token);
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastReceivedTicks, _time.GetUtcNow().UtcTicks);

    private static string Describe(Exception e) => e is RpcException rpc
        ? $"{rpc.StatusCode}: {rpc.Status.Detail}{(rpc.Status.DebugException is { } inner ? " (" + inner.Message + ")" : "")}"
        : e.Message;

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // The session is over; its loops end with cancellation or a broken stream by design.
        }
    }
}
