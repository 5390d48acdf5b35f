namespace Satama.Agent.Lb.Http1;

/// <summary>The answer side: reading the instance's answer and passing it on, then the next request.</summary>
internal sealed partial class ClientConnection
{
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
}
