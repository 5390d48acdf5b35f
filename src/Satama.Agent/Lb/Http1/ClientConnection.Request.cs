using System.Diagnostics;
using System.Text;

namespace Satama.Agent.Lb.Http1;

/// <summary>The request side: reading heads, choosing an instance, forwarding the head and the body.</summary>
internal sealed partial class ClientConnection
{
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
        _reqHeadLength = HeadWriter.Request(head, _request, target, _peer, backend.AddressBytes, _upgrade, ref _reqHead);
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
}
