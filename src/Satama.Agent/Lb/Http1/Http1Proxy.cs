using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Satama.Agent.Lb.Http1;

/// <summary>
/// The load balancer's plain-HTTP listener: HTTP/1.1 (and 1.0) forwarded by event loops (half the cores by default), each running
/// its connections start to end on its own thread (HAProxy's model). HTTPS and HTTP/2 stay with Kestrel and YARP.
/// </summary>
internal sealed partial class Http1Proxy : IAsyncDisposable
{
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(5);

    private readonly Socket _listener;
    private readonly EventLoop[] _loops;
    private readonly LbMetrics _metrics;
    private readonly ILogger _logger;
    private readonly AccessLog? _accessLog;
    private readonly int _httpsPort;
    private readonly object _gate = new();
    private volatile ProxyRoutes _routes = ProxyRoutes.Empty;
    private int _nextLoop;

    /// <summary>Listens and starts the loops; access log lines go to <c>accessLog</c> (none when null).</summary>
    public Http1Proxy(IPAddress address, int port, int httpsPort, int threads, LbMetrics metrics, ILogger logger, Stream? accessLog)
    {
        _metrics = metrics;
        _logger = logger;
        _accessLog = accessLog is null ? null : new AccessLog(accessLog);
        _httpsPort = httpsPort;
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Bind(new IPEndPoint(address, port));
            _listener.Listen(4096);
            _listener.Blocking = false;
        }
        catch
        {
            _listener.Dispose();
            throw;
        }
        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        var fd = (int)_listener.Handle;
        _loops = [.. Enumerable.Range(0, threads > 0 ? threads : Math.Max(1, Environment.ProcessorCount / 2)).Select(i => new EventLoop(this, fd, i))];
        foreach (var loop in _loops)
        {
            loop.Start();
        }
    }

    public IPEndPoint Endpoint { get; }

    public ProxyRoutes Routes => _routes;

    public bool AccessLogEnabled => _accessLog is not null;

    /// <summary>A loop's own batch of access log lines, or null without an access log.</summary>
    public AccessLog.Batch? NewAccessBatch() => _accessLog?.NewBatch();

    /// <summary>The loop the next accepted connection goes to.</summary>
    public EventLoop NextLoop() => _loops[(int)((uint)Interlocked.Increment(ref _nextLoop) % (uint)_loops.Length)];

    /// <summary>Takes the master's routes; requests in flight finish where they are.</summary>
    public void Swap(IEnumerable<Protocol.LbRoute> routes)
    {
        lock (_gate)
        {
            _routes = ProxyRoutes.From(routes, _routes);
        }
    }

    /// <summary>Whether the plain-HTTP side has taken <paramref name="container"/> of a route out (passive health).</summary>
    public bool IsHealthy(string routeId, string container)
    {
        var now = Environment.TickCount64;
        var route = _routes.Routes.FirstOrDefault(r => r.Id == routeId);
        var backend = route?.Backends.FirstOrDefault(b => b.Container == container);
        return backend is null || backend.IsHealthy(now);
    }

    /// <summary>The https:// URL a route with redirect_https sends a plain request to.</summary>
    public byte[] HttpsLocation(ReadOnlySpan<byte> host, ReadOnlySpan<byte> target)
    {
        var port = _httpsPort is 443 or <= 0 ? "" : ":" + _httpsPort.ToString(CultureInfo.InvariantCulture);
        return Encoding.ASCII.GetBytes($"https://{Encoding.ASCII.GetString(host)}{port}{Encoding.ASCII.GetString(target)}");
    }

    public void Record(EventLoop loop, string? route, int status, TimeSpan elapsed, byte[] client, AccessEntry? access, string? backend)
    {
        _metrics.Record(route, status, elapsed.TotalSeconds);
        if (access is not null)
        {
            loop.AccessBatch?.Add(client, access, status, elapsed, route, backend);
        }
    }

    public void LogTakenOut(string route, string container) => LogUnhealthy(_logger, container, route);

    public void LogBug(Exception e) => LogLoopError(_logger, e);

    public void LogAcceptFailed(int errno) => LogAcceptError(_logger, errno);

    public async ValueTask DisposeAsync()
    {
        foreach (var loop in _loops)
        {
            loop.Stop((long)s_grace.TotalMilliseconds);
        }
        await Task.WhenAll(_loops.Select(l => l.Stopped)).WaitAsync(s_grace + TimeSpan.FromSeconds(5));
        _listener.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Load balancer: instance {Container} of route {Route} taken out after failed requests")]
    private static partial void LogUnhealthy(ILogger logger, string container, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Load balancer: cannot accept connections (errno {Errno}); pausing half a second")]
    private static partial void LogAcceptError(ILogger logger, int errno);

    [LoggerMessage(Level = LogLevel.Error, Message = "Load balancer: an exchange failed unexpectedly")]
    private static partial void LogLoopError(ILogger logger, Exception e);
}
