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
internal sealed class ClientConnection : Pollable
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

    private void ReadClient()
    {
        _in ??= EventLoop.Rent(BufferSize);
        if (_inEnd == _in.Length && !MakeRoom())
        {
            return;
        }
        var n = Libc.Receive(Fd, _in.AsSpan(_inEnd));
        if (n > 0)
        {
            _inEnd += n;
            if (_phase == Phase.Tunnel)
            {
                _deadline = _loop.Now + TunnelIdleTimeoutMs;
            }
            Advance();
            return;
        }
        if (n < 0 && Libc.Errno is Libc.EAGAIN or Libc.EINTR)
        {
            return;
        }
        // The client closed (or its connection broke).
        _clientEof = true;
        if (_phase == Phase.Exchange && (_requestSent || _reqFraming == BodyFraming.None) && n == 0)
        {
            // It may have only closed its sending side: the answer still goes out, then the connection closes.
            _closeAfter = true;
            return;
        }
        if (_phase == Phase.Exchange || _phase == Phase.Tunnel)
        {
            // A tunnel's status stays 101; an exchange the client left is booked as 499 (nginx's "client closed").
            _status = _phase == Phase.Tunnel ? _status : 499;
            Abort();
            return;
        }
        Close();
    }

    /// <summary>Room at the end of the input buffer: moves unread bytes to the front, grows it for a long head.</summary>
    private bool MakeRoom()
    {
        if (_inStart > 0)
        {
            Buffer.BlockCopy(_in!, _inStart, _in!, 0, _inEnd - _inStart);
            _inEnd -= _inStart;
            _inStart = 0;
            return true;
        }
        if (_phase == Phase.Head && _in!.Length < MaxHead)
        {
            var larger = EventLoop.Rent(_in.Length * 2);
            Buffer.BlockCopy(_in, 0, larger, 0, _inEnd);
            EventLoop.Return(_in);
            _in = larger;
            return true;
        }
        if (_phase == Phase.Head)
        {
            Answer(431, close: true);
        }
        // Otherwise the exchange has not taken what is there yet (pipelined requests): reading waits.
        return false;
    }

    /// <summary>Moves the client side forward with what has been read.</summary>
    private void Advance()
    {
        while (Fd >= 0)
        {
            switch (_phase)
            {
                case Phase.Head:
                    if (_inStart == _inEnd && _in is not null)
                    {
                        // Between requests a connection holds no buffer: idle keep-alive connections cost little.
                        EventLoop.Return(_in);
                        _in = null;
                        _inStart = _inEnd = 0;
                    }
                    if (_outLength > 0 || _inStart == _inEnd)
                    {
                        return;
                    }
                    // Empty lines before a request are ignored (RFC 9112 2.2; some clients send one after a body).
                    while (_inStart < _inEnd && _in![_inStart] is (byte)'\r' or (byte)'\n')
                    {
                        _inStart++;
                    }
                    if (_inStart == _inEnd)
                    {
                        continue;
                    }
                    var window = _in.AsSpan(_inStart, _inEnd - _inStart);
                    var end = HttpHead.FindEnd(window);
                    if (end == 0)
                    {
                        if (window.Length >= MaxHead)
                        {
                            Answer(431, close: true);
                        }
                        return;
                    }
                    BeginExchange(end);
                    continue;
                case Phase.Exchange:
                    PumpUp();
                    return;
                case Phase.Tunnel:
                    PumpUp();
                    return;
                default:
                    return;
            }
        }
    }

    private void BeginExchange(int headLength)
    {
        var head = _in.AsSpan(_inStart, headLength);
        _started = Stopwatch.GetTimestamp();
        _route = null;
        _status = 0;
        var proxy = _loop.Proxy;
        var invalid = _request.ParseRequest(head);
        RequestTarget target = default;
        if (invalid == 0 && !RequestTarget.TryRead(head, _request, out target))
        {
            invalid = 400;
        }
        var method = invalid == 0 ? head.Slice(_request.First.Start, _request.First.Length) : [];
        if (invalid == 0 && HttpHead.AsciiEquals(method, "connect"u8))
        {
            invalid = 501;
        }
        _access = proxy.AccessLogEnabled && invalid == 0 ? new AccessEntry(Encoding.ASCII.GetString(method),
            Encoding.ASCII.GetString(target.Host(head)), Encoding.ASCII.GetString(target.OriginForm(head)), _request.Minor == 1 ? "HTTP/1.1" : "HTTP/1.0") : null;
        if (invalid != 0)
        {
            _inStart += headLength;
            Answer(invalid, close: true);
            return;
        }
        _isHead = HttpHead.AsciiEquals(method, "head"u8);
        _idempotent = _isHead || HttpHead.AsciiEquals(method, "get"u8) || HttpHead.AsciiEquals(method, "options"u8);
        _closeAfter = _closeAfter || (_request.Minor == 0 ? !_request.ConnectionKeepAlive : _request.ConnectionClose);
        _http10 = _request.Minor == 0;
        _http10KeepAlive = _http10 && _request.ConnectionKeepAlive;
        _upgrade = _request.Minor == 1 && _request.Upgrade >= 0 && _request.ConnectionUpgrade;
        _reqFraming = _request.RequestFraming;
        _reqRemaining = _request.ContentLength;
        _reqChunks = default;
        _reqPending = 0;
        _reqBodyStarted = false;
        _requestSent = false;

        var route = proxy.Routes.Match(target.HostWithoutPort(head), target.OriginForm(head));
        _route = route;
        if (route is null || route.RedirectHttps)
        {
            var location = route is null ? [] : proxy.HttpsLocation(target.HostWithoutPort(head), target.OriginForm(head));
            _inStart += headLength;
            // A body that is not read makes the connection unusable for the next request.
            Answer(route is null ? 404 : 308, close: _reqFraming != BodyFraming.None, location);
            return;
        }
        if (route.StripPrefix is not null)
        {
            target = target.WithStrip(route.StripLength);
        }
        _affinity = route.Sticky ? HeadWriter.AffinityOf(head, _request).ToArray() : [];
        var backend = route.Pick(_affinity, _loop.Now, null, null);
        if (backend is null)
        {
            _inStart += headLength;
            Answer(503, close: _reqFraming != BodyFraming.None);
            return;
        }
        _reqHead ??= EventLoop.Rent(Math.Max(1024, headLength + 256));
        _reqHeadLength = HeadWriter.Request(head, _request, target, _peer, Encoding.ASCII.GetBytes(backend.Address), _upgrade, ref _reqHead);
        _inStart += headLength;
        _tried1 = _tried2 = null;
        _attempts = 0;
        _phase = Phase.Exchange;
        Connect(backend);
    }

    private void Connect(ProxyBackend backend, bool fresh = false)
    {
        _backend = backend;
        _attempts++;
        Interlocked.Increment(ref backend.InFlight);
        _affinityToSet = _route!.Sticky && !_affinity.AsSpan().SequenceEqual(backend.AffinityValue) ? backend.AffinityValue : null;
        _reqHeadSent = 0;
        _respHeadParsed = _responseStarted = _backendEof = _backendBlocked = false;
        _respPending = 0;
        _outLength = _outSent = 0;
        _deadline = _loop.Now + ActivityTimeoutMs;
        var conn = fresh ? null : _loop.TakeIdle(backend);
        if (conn is null)
        {
            var fd = Libc.Connect(backend.Endpoint, out var connected, out _);
            if (fd < 0)
            {
                _conn = null;
                ForwardFailed(connectFailed: true);
                return;
            }
            conn = new BackendConnection(_loop, backend, fd, connected);
            _loop.Register(conn, connected ? Libc.EPOLLIN : Libc.EPOLLOUT);
            if (!connected)
            {
                _deadline = _loop.Now + ConnectTimeoutMs;
            }
        }
        conn.Owner = this;
        conn.Buffer ??= EventLoop.Rent(BackendConnection.BufferSize);
        conn.Start = conn.End = 0;
        _conn = conn;
        if (conn.Connected)
        {
            PumpUp();
        }
    }

    /// <summary>Sends what the instance has not had yet: the head, then body (or tunnel) bytes as they arrive.</summary>
    private void PumpUp()
    {
        var conn = _conn;
        if (conn is null || !conn.Connected || _backendBlocked || Fd < 0)
        {
            return;
        }
        while (_reqHeadSent < _reqHeadLength)
        {
            var n = Libc.Send(conn.Fd, _reqHead.AsSpan(_reqHeadSent, _reqHeadLength - _reqHeadSent));
            if (n < 0)
            {
                SendFailed(toBackend: true);
                return;
            }
            _reqHeadSent += n;
        }
        while (!_requestSent || _phase == Phase.Tunnel)
        {
            if (_reqPending == 0 && !Frame())
            {
                return;
            }
            if (_reqPending == 0)
            {
                continue;
            }
            var n = Libc.Send(conn.Fd, _in.AsSpan(_inStart, _reqPending));
            if (n < 0)
            {
                SendFailed(toBackend: true);
                return;
            }
            _reqBodyStarted = true;
            _inStart += n;
            _reqPending -= n;
        }
    }

    /// <summary>Marks how many unread client bytes belong to the request body (or tunnel); false when none can go now.</summary>
    private bool Frame()
    {
        var available = _inEnd - _inStart;
        if (_phase == Phase.Tunnel)
        {
            _reqPending = available;
            return available > 0;
        }
        switch (_reqFraming)
        {
            case BodyFraming.Length when _reqRemaining > 0:
                _reqPending = (int)Math.Min(available, _reqRemaining);
                _reqRemaining -= _reqPending;
                return _reqPending > 0;
            case BodyFraming.Chunked when !_reqChunks.Done:
                _reqPending = _reqChunks.Scan(_in.AsSpan(_inStart, available));
                if (_reqChunks.Invalid)
                {
                    _status = 400;
                    Abort();
                    return false;
                }
                return _reqPending > 0;
            default:
                _requestSent = true;
                return false;
        }
    }

    private void ReadBackend()
    {
        var conn = _conn!;
        if (conn.End == conn.Buffer!.Length)
        {
            if (conn.Start == 0)
            {
                if (_respHeadParsed || _phase == Phase.Tunnel)
                {
                    return;
                }
                if (conn.Buffer.Length >= MaxHead)
                {
                    BadGateway();
                    return;
                }
                // A long answer head (many cookies): the buffer grows up to the same limit as a request head's.
                var larger = EventLoop.Rent(conn.Buffer.Length * 2);
                Buffer.BlockCopy(conn.Buffer, 0, larger, 0, conn.End);
                EventLoop.Return(conn.Buffer);
                conn.Buffer = larger;
            }
            else
            {
                Buffer.BlockCopy(conn.Buffer, conn.Start, conn.Buffer, 0, conn.End - conn.Start);
                conn.End -= conn.Start;
                conn.Start = 0;
            }
        }
        var n = Libc.Receive(conn.Fd, conn.Buffer.AsSpan(conn.End));
        if (n > 0)
        {
            conn.End += n;
            _deadline = _loop.Now + (_phase == Phase.Tunnel ? TunnelIdleTimeoutMs : ActivityTimeoutMs);
            ProcessResponse();
            return;
        }
        if (n < 0 && Libc.Errno is Libc.EAGAIN or Libc.EINTR)
        {
            return;
        }
        _backendEof = true;
        if (_phase == Phase.Tunnel)
        {
            PumpDown();
            Abort();
            return;
        }
        if (_respHeadParsed && _respFraming == BodyFraming.UntilClose)
        {
            PumpDown();
            return;
        }
        if (!_responseStarted)
        {
            _outLength = _outSent = 0;
            ForwardFailed(connectFailed: false);
            return;
        }
        // The answer was cut short after it had begun: the client can only see its connection end.
        _backend!.Record(failed: true, _loop.Now);
        _status = 502;
        Abort();
    }

    private void ProcessResponse()
    {
        var conn = _conn!;
        while (!_respHeadParsed && _phase == Phase.Exchange)
        {
            var window = conn.Buffer.AsSpan(conn.Start, conn.End - conn.Start);
            var end = HttpHead.FindEnd(window);
            if (end == 0)
            {
                return;
            }
            if (!_response.ParseResponse(window[..end]))
            {
                BadGateway();
                return;
            }
            var status = _response.Status;
            _out ??= EventLoop.Rent(1024);
            if (status == 101 && _upgrade)
            {
                _outLength = HeadWriter.Response(window[..end], _response, close: false, keepAliveForHttp10: false, upgrade: true, [], ref _out);
                _outSent = 0;
                conn.Start += end;
                _status = 101;
                _respHeadParsed = _responseStarted = true;
                _phase = Phase.Tunnel;
                _deadline = _loop.Now + TunnelIdleTimeoutMs;
                PumpDown();
                PumpUp();
                return;
            }
            if (status < 200)
            {
                if (status == 101)
                {
                    BadGateway();
                    return;
                }
                // An interim answer (100 Continue, 103) goes through as it is, but never to an HTTP/1.0 client
                // (RFC 9110 15.2); the final one follows.
                if (_http10)
                {
                    conn.Start += end;
                    continue;
                }
                if (_outLength > _outSent)
                {
                    return;
                }
                if (_out.Length < end)
                {
                    EventLoop.Return(_out);
                    _out = EventLoop.Rent(end);
                }
                window[..end].CopyTo(_out);
                _outLength = end;
                _outSent = 0;
                conn.Start += end;
                if (!PumpDown())
                {
                    return;
                }
                continue;
            }
            if (_outLength > _outSent)
            {
                return;
            }
            _respFraming = _response.ResponseFraming(_isHead);
            _respRemaining = _response.ContentLength;
            _respChunks = default;
            _respPending = 0;
            // An answer before the whole request body went out leaves the rest unread: the connection closes after it.
            _closeAfter |= _respFraming == BodyFraming.UntilClose || _clientEof || !_requestSent;
            _backendKeep = _response.Minor == 1 && !_response.ConnectionClose && _respFraming != BodyFraming.UntilClose;
            _status = status;
            _outLength = HeadWriter.Response(window[..end], _response, _closeAfter, _http10KeepAlive && !_closeAfter, upgrade: false,
                _affinityToSet, ref _out);
            _outSent = 0;
            conn.Start += end;
            _respHeadParsed = true;
        }
        PumpDown();
    }

    /// <summary>Sends the client what it has not had yet; false when it cannot take more now or is gone.</summary>
    private bool PumpDown()
    {
        if (_respHeadParsed && !_responseStarted && _phase == Phase.Exchange)
        {
            // The head waits for the first body byte: an instance that dies before it can still be replaced unseen.
            if (_respFraming != BodyFraming.None && _conn!.Start == _conn.End && !_backendEof)
            {
                return true;
            }
            _responseStarted = true;
        }
        while (_outSent < _outLength)
        {
            var n = Libc.Send(Fd, _out.AsSpan(_outSent, _outLength - _outSent));
            if (n < 0)
            {
                SendFailed(toBackend: false);
                return false;
            }
            _outSent += n;
        }
        _outLength = _outSent = 0;
        var conn = _conn;
        if (_phase == Phase.Head)
        {
            // The proxy's own answer went out.
            if (_closeAfter)
            {
                Close();
                return false;
            }
            return true;
        }
        if (conn is null || !_respHeadParsed)
        {
            return true;
        }
        while (true)
        {
            if (_respPending == 0)
            {
                var available = conn.End - conn.Start;
                if (_phase == Phase.Tunnel)
                {
                    _respPending = available;
                }
                else
                {
                    switch (_respFraming)
                    {
                        case BodyFraming.Length:
                            _respPending = (int)Math.Min(available, _respRemaining);
                            _respRemaining -= _respPending;
                            break;
                        case BodyFraming.Chunked when !_respChunks.Done:
                            _respPending = _respChunks.Scan(conn.Buffer.AsSpan(conn.Start, available));
                            if (_respChunks.Invalid)
                            {
                                _backend!.Record(failed: true, _loop.Now);
                                Abort();
                                return false;
                            }
                            break;
                        case BodyFraming.UntilClose:
                            _respPending = available;
                            break;
                    }
                }
            }
            if (_respPending > 0)
            {
                var n = Libc.Send(Fd, conn.Buffer.AsSpan(conn.Start, _respPending));
                if (n < 0)
                {
                    SendFailed(toBackend: false);
                    return false;
                }
                conn.Start += n;
                _respPending -= n;
                _deadline = _loop.Now + (_phase == Phase.Tunnel ? TunnelIdleTimeoutMs : ActivityTimeoutMs);
                continue;
            }
            if (conn.Start == conn.End)
            {
                conn.Start = conn.End = 0;
            }
            if (_phase == Phase.Tunnel)
            {
                return true;
            }
            var complete = _respFraming switch
            {
                BodyFraming.None => true,
                BodyFraming.Length => _respRemaining == 0,
                BodyFraming.Chunked => _respChunks.Done,
                _ => _backendEof,
            };
            if (complete)
            {
                CompleteExchange();
            }
            return true;
        }
    }

    private void CompleteExchange()
    {
        var conn = _conn!;
        _conn = null;
        // An answer before the whole request was sent leaves the rest of the body unread on the client's side.
        _closeAfter |= !_requestSent;
        var reusable = _backendKeep && _requestSent && !_backendEof && conn.Start == conn.End;
        _backend!.Record(failed: false, _loop.Now);
        if (reusable)
        {
            _loop.ReturnIdle(conn);
        }
        else
        {
            conn.Dispose();
        }
        EndExchange();
        if (_closeAfter)
        {
            Close();
            return;
        }
        _phase = Phase.Head;
        _deadline = _loop.Now + KeepAliveTimeoutMs;
        Advance();
    }

    /// <summary>
    /// The forward failed before the client had a byte of the answer. It goes to another instance (the same one
    /// over a new connection when a kept-alive connection was found closed) while that is safe: always when no
    /// connection was made, otherwise for a bodiless GET, HEAD or OPTIONS. Else the client gets 502.
    /// </summary>
    private void ForwardFailed(bool connectFailed)
    {
        var conn = _conn;
        var stale = !connectFailed && conn is { Reused: true } && conn.End == 0 && !_reqBodyStarted;
        conn?.Dispose();
        _conn = null;
        var backend = _backend!;
        Interlocked.Decrement(ref backend.InFlight);
        var now = _loop.Now;
        // The instance restarted or is gone: the other kept-alive connections to it are as dead as this one.
        _loop.DropIdle(backend);
        if (!stale && backend.Record(failed: true, now))
        {
            _loop.Proxy.LogTakenOut(_route!.Id, backend.Container);
        }
        var safe = !_reqBodyStarted && (connectFailed || stale || (_reqFraming == BodyFraming.None && _idempotent));
        if (safe && _attempts < MaxAttempts + (stale ? 1 : 0))
        {
            if (!stale)
            {
                if (_tried1 is null)
                {
                    _tried1 = backend;
                }
                else
                {
                    _tried2 = backend;
                }
            }
            var next = stale ? backend : _route!.Pick(_affinity, now, _tried1, _tried2);
            if (next is not null)
            {
                Connect(next, fresh: stale);
                return;
            }
        }
        _backend = null;
        FinishExchangeWithAnswer(502);
    }

    private void BadGateway()
    {
        _backend?.Record(failed: true, _loop.Now);
        if (_responseStarted || _outLength > 0)
        {
            _status = 502;
            Abort();
            return;
        }
        FinishExchangeWithAnswer(502);
    }

    /// <summary>Ends the exchange with an answer of the proxy's own (nothing of the instance's reached the client).</summary>
    private void FinishExchangeWithAnswer(int status)
    {
        _conn?.Dispose();
        _conn = null;
        var unread = !_requestSent;
        EndExchange(record: false);
        Answer(status, close: _closeAfter || unread);
    }

    private void SendFailed(bool toBackend)
    {
        if (Libc.Errno is Libc.EAGAIN or Libc.EINTR)
        {
            if (toBackend)
            {
                _backendBlocked = true;
            }
            else
            {
                _clientBlocked = true;
            }
            return;
        }
        if (toBackend && _phase == Phase.Exchange && !_responseStarted)
        {
            ForwardFailed(connectFailed: false);
            return;
        }
        if (!toBackend)
        {
            _status = 499;
        }
        Abort();
    }

    /// <summary>Answers with a status of the proxy's own; the connection closes after it when asked to.</summary>
    private void Answer(int status, bool close, ReadOnlySpan<byte> location = default)
    {
        _status = status;
        _phase = Phase.Head;
        _closeAfter = close || _closeAfter;
        _out ??= EventLoop.Rent(512);
        _outLength = HeadWriter.Local(status, location, _closeAfter, ref _out);
        _outSent = 0;
        Record();
        _deadline = _loop.Now + KeepAliveTimeoutMs;
        PumpDown();
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
        _loop.Proxy.Record(_route?.Id, status, elapsed, _peer, _access, _backend?.Container);
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

/// <summary>What the access log says of a request, read from its head (only while the access log is on).</summary>
internal sealed record AccessEntry(string Method, string Host, string Target, string Protocol);
