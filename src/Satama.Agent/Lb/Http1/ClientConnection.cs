using System.Diagnostics;
using System.Net;
using System.Text;

namespace Satama.Agent.Lb.Http1;

/// <summary>
/// One client connection and the exchange it is in: reads a request head, picks a route and an instance, forwards
/// the head (rewritten) and the body as it comes, passes the answer back as it comes, and starts over for the next
/// request on the same connection. Bodies are never buffered whole: a side that cannot take more stops the other
/// from being read (backpressure). A failed forward goes to another instance while that is safe.
/// </summary>
internal sealed partial class ClientConnection : Pollable
{
    private const int BufferSize = 16 * 1024;
    private const int MaxHead = 64 * 1024;
    private const int MaxAttempts = 3;
    private const long HeadTimeoutMs = 30_000;
    private const long KeepAliveTimeoutMs = 120_000;
    private const long ConnectTimeoutMs = 2_000;
    private const long ActivityTimeoutMs = 100_000;
    private const long TunnelIdleTimeoutMs = 3_600_000;

    private readonly EventLoop _loop;
    private readonly byte[] _peer;
    private readonly HttpHead _request = new();
    private readonly HttpHead _response = new();

    private Phase _phase = Phase.Head;
    private long _deadline;
    private byte[]? _in;
    private int _inStart;
    private int _inEnd;
    private bool _clientEof;
    private bool _clientBlocked;

    // The exchange.
    private long _started;
    private ProxyRoute? _route;
    private ProxyBackend? _backend;
    private BackendConnection? _conn;
    private ProxyBackend? _tried1;
    private ProxyBackend? _tried2;
    private int _attempts;
    private byte[] _affinity = [];
    private byte[]? _affinityToSet;
    private byte[]? _reqHead;
    private int _reqHeadLength;
    private int _reqHeadSent;
    private BodyFraming _reqFraming;
    private long _reqRemaining;
    private ChunkedScanner _reqChunks;
    private int _reqPending;
    private bool _reqBodyStarted;
    private bool _requestSent;
    private bool _isHead;
    private bool _idempotent;
    private bool _upgrade;
    private bool _closeAfter;
    private bool _http10;
    private bool _http10KeepAlive;
    private bool _backendBlocked;
    private bool _backendEof;
    private bool _backendKeep;
    private bool _respHeadParsed;
    private bool _responseStarted;
    private BodyFraming _respFraming;
    private long _respRemaining;
    private ChunkedScanner _respChunks;
    private int _respPending;
    private int _status;
    private AccessEntry? _access;

    // What goes to the client before any body bytes: a rewritten or interim head, or the proxy's own answer.
    private byte[]? _out;
    private int _outLength;
    private int _outSent;

    public ClientConnection(EventLoop loop, int fd, IPAddress peer)
    {
        _loop = loop;
        Fd = fd;
        _peer = Encoding.ASCII.GetBytes(peer.ToString());
        _deadline = loop.Now + HeadTimeoutMs;
    }

    private enum Phase
    {
        Head,
        Exchange,
        Tunnel,
        Closed,
    }

    public override void OnEvent(uint events)
    {
        if ((events & (Libc.EPOLLHUP | Libc.EPOLLERR)) != 0)
        {
            // Reset, or closed both ways: nothing more can be read or sent.
            _status = _status == 0 ? 499 : _status;
            Abort();
            return;
        }
        if ((events & Libc.EPOLLOUT) != 0 && _clientBlocked)
        {
            _clientBlocked = false;
            if (_phase == Phase.Exchange && _conn is not null)
            {
                ProcessResponse();
            }
            else
            {
                PumpDown();
            }
        }
        if (Fd >= 0 && (events & Libc.EPOLLIN) != 0)
        {
            ReadClient();
        }
        Settle();
    }

    /// <summary>After an event: a request already read goes on once the client has its last answer; interests follow state.</summary>
    private void Settle()
    {
        if (_phase == Phase.Head && _outLength == 0 && Fd >= 0)
        {
            Advance();
        }
        UpdateInterest();
    }

    public void OnBackendEvent(BackendConnection conn, uint events)
    {
        if (conn != _conn)
        {
            conn.Dispose();
            return;
        }
        if (!conn.Connected)
        {
            var error = (events & (Libc.EPOLLOUT | Libc.EPOLLERR | Libc.EPOLLHUP)) != 0 ? Libc.SocketError(conn.Fd) : 0;
            if (error != 0 || (events & (Libc.EPOLLERR | Libc.EPOLLHUP)) != 0)
            {
                ForwardFailed(connectFailed: true);
            }
            else if ((events & Libc.EPOLLOUT) != 0)
            {
                conn.Connected = true;
                _deadline = _loop.Now + ActivityTimeoutMs;
                PumpUp();
            }
            Settle();
            return;
        }
        if ((events & (Libc.EPOLLHUP | Libc.EPOLLERR)) != 0 && _clientBlocked)
        {
            // Reset while the client cannot take what is left: the answer is lost either way.
            _backend?.Record(failed: true, _loop.Now);
            Abort();
            return;
        }
        if ((events & Libc.EPOLLOUT) != 0 && _backendBlocked)
        {
            _backendBlocked = false;
            PumpUp();
        }
        if (_conn is not null && (events & (Libc.EPOLLIN | Libc.EPOLLHUP | Libc.EPOLLERR)) != 0)
        {
            ReadBackend();
        }
        Settle();
    }

    /// <summary>Closes it now if it waits for a request; an exchange in flight ends with "Connection: close".</summary>
    public void CloseIfIdle()
    {
        if (_phase == Phase.Head && _inStart == _inEnd && _outLength == 0)
        {
            Close();
            return;
        }
        _closeAfter = true;
    }

    public void CheckTimeouts(long now)
    {
        if (_phase == Phase.Closed || now < _deadline)
        {
            return;
        }
        switch (_phase)
        {
            case Phase.Head when _inStart == _inEnd && _outLength == 0:
                Close();
                break;
            case Phase.Head:
                Answer(408, close: true);
                break;
            case Phase.Exchange when _conn is { Connected: false }:
                ForwardFailed(connectFailed: true);
                break;
            case Phase.Exchange when !_responseStarted:
                _backend?.Record(failed: true, now);
                FinishExchangeWithAnswer(504);
                break;
            default:
                Abort();
                break;
        }
        Settle();
    }

    /// <summary>Drops the client and the exchange, if any (the client sees its connection closed).</summary>
    public void Abort()
    {
        if (_conn is not null)
        {
            _conn.Dispose();
            _conn = null;
        }
        EndExchange();
        Close();
    }

    /// <summary>Books the exchange: metrics, access log, the instance's count of requests in flight.</summary>
    private void EndExchange(bool record = true)
    {
        if (_phase is Phase.Exchange or Phase.Tunnel)
        {
            if (_backend is not null)
            {
                Interlocked.Decrement(ref _backend.InFlight);
            }
            if (record)
            {
                Record();
            }
        }
        _backend = null;
        _phase = Phase.Head;
        if (_reqHead is not null)
        {
            EventLoop.Return(_reqHead);
            _reqHead = null;
        }
    }

    private void Record()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var status = _status == 0 ? 502 : _status;
        _loop.Proxy.Record(_loop, _route?.Id, status, elapsed, _peer, _access, _backend?.Container);
        _access = null;
        _started = Stopwatch.GetTimestamp();
    }

    private void Close()
    {
        if (_phase == Phase.Closed)
        {
            return;
        }
        _phase = Phase.Closed;
        _loop.Close(this);
        _loop.Forget(this);
        foreach (var buffer in new[] { _in, _out, _reqHead })
        {
            if (buffer is not null)
            {
                EventLoop.Return(buffer);
            }
        }
        _in = _out = _reqHead = null;
        _inStart = _inEnd = _outLength = _outSent = 0;
    }

    /// <summary>Reads a side only while the other can take what is read; writes wait for room.</summary>
    private void UpdateInterest()
    {
        if (Fd < 0)
        {
            return;
        }
        var conn = _conn;
        var readClient = !_clientEof && !_backendBlocked
            && (_in is null || _inEnd < _in.Length || _inStart > 0 || (_phase == Phase.Head && _outLength == 0));
        _loop.SetInterest(this, (readClient ? Libc.EPOLLIN : 0) | (_clientBlocked ? Libc.EPOLLOUT : 0));
        if (conn is null || conn.Fd < 0)
        {
            return;
        }
        if (!conn.Connected)
        {
            _loop.SetInterest(conn, Libc.EPOLLOUT);
            return;
        }
        var readBackend = !_backendEof && !_clientBlocked;
        _loop.SetInterest(conn, (readBackend ? Libc.EPOLLIN : 0) | (_backendBlocked ? Libc.EPOLLOUT : 0));
    }
}
