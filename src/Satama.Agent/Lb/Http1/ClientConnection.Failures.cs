namespace Satama.Agent.Lb.Http1;

/// <summary>What goes wrong: retries to another instance, the proxy's own answers, broken sends.</summary>
internal sealed partial class ClientConnection
{
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
}
