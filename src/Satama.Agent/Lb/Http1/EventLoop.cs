using System.Buffers;
using System.Net;

namespace Satama.Agent.Lb.Http1;

/// <summary>A socket an event loop watches.</summary>
internal abstract class Pollable
{
    public int Fd = -1;
    public long Token;
    public uint Interest;

    /// <summary>Handles readiness (EPOLLIN, EPOLLOUT, EPOLLERR, EPOLLHUP) reported by the loop.</summary>
    public abstract void OnEvent(uint events);
}

/// <summary>
/// One thread with one epoll set: accepts connections from the shared listener, and runs every client connection it
/// accepted together with the instance connections those use, so a request never changes threads.
/// </summary>
internal sealed class EventLoop
{
    private const long WakeToken = -2;
    private const long ListenerToken = -1;
    private const int SweepMs = 500;

    private readonly Http1Proxy _proxy;
    private readonly int _epoll = Libc.EpollCreate();
    private readonly int _wake = Libc.EventFd();
    private readonly int _listener;
    private readonly Dictionary<int, Pollable> _sockets = [];
    private readonly HashSet<ClientConnection> _clients = [];
    private readonly Dictionary<ProxyBackend, Stack<BackendConnection>> _idle = [];
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<(int Fd, IPAddress Peer)> _handedOver = new();
    private uint _generation;
    private volatile bool _stopping;
    private long _hardStopAt;
    private bool _listening = true;
    private long _acceptPausedUntil;

    public EventLoop(Http1Proxy proxy, int listener, int index)
    {
        _proxy = proxy;
        _listener = listener;
        Libc.EpollAdd(_epoll, _wake, Libc.EPOLLIN, WakeToken);
        // EPOLLEXCLUSIVE: a new connection wakes one loop, not all of them.
        Libc.EpollAdd(_epoll, listener, Libc.EPOLLIN | Libc.EPOLLEXCLUSIVE, ListenerToken);
        _thread = new Thread(Run) { IsBackground = true, Name = $"Satama LB {index}" };
        AccessBatch = proxy.NewAccessBatch();
    }

    public Http1Proxy Proxy => _proxy;

    /// <summary>This loop's access log lines waiting to be written (twice a second, or when 4 KiB are full).</summary>
    public AccessLog.Batch? AccessBatch { get; }

    public long Now { get; private set; } = Environment.TickCount64;

    public Task Stopped => _stopped.Task;

    public void Start() => _thread.Start();

    /// <summary>Stops accepting, lets requests in flight finish until <paramref name="graceMs"/>, then closes everything.</summary>
    public void Stop(long graceMs)
    {
        Volatile.Write(ref _hardStopAt, Environment.TickCount64 + graceMs);
        _stopping = true;
        Libc.Signal(_wake);
    }

    public void Register(Pollable socket, uint interest)
    {
        _generation++;
        socket.Token = ((long)_generation << 32) | (uint)socket.Fd;
        socket.Interest = interest;
        _sockets[socket.Fd] = socket;
        Libc.EpollAdd(_epoll, socket.Fd, interest, socket.Token);
    }

    public void SetInterest(Pollable socket, uint interest)
    {
        if (socket.Interest != interest && socket.Fd >= 0)
        {
            socket.Interest = interest;
            Libc.EpollModify(_epoll, socket.Fd, interest, socket.Token);
        }
    }

    /// <summary>Forgets and closes a socket.</summary>
    public void Close(Pollable socket)
    {
        if (socket.Fd < 0)
        {
            return;
        }
        _sockets.Remove(socket.Fd);
        // Closing the descriptor takes it out of the epoll set.
        Libc.Close(socket.Fd);
        socket.Fd = -1;
    }

    public void Forget(ClientConnection client) => _clients.Remove(client);

    /// <summary>An idle connection to <paramref name="backend"/>, or null.</summary>
    public BackendConnection? TakeIdle(ProxyBackend backend)
    {
        if (_idle.TryGetValue(backend, out var stack))
        {
            while (stack.TryPop(out var connection))
            {
                if (connection.Fd >= 0)
                {
                    return connection;
                }
            }
        }
        return null;
    }

    /// <summary>Closes the idle connections to an instance that failed one.</summary>
    public void DropIdle(ProxyBackend backend)
    {
        if (_idle.TryGetValue(backend, out var stack))
        {
            while (stack.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    public void ReturnIdle(BackendConnection connection)
    {
        if (!_idle.TryGetValue(connection.Backend, out var stack))
        {
            _idle[connection.Backend] = stack = new Stack<BackendConnection>();
        }
        connection.MakeIdle(Now);
        stack.Push(connection);
    }

    private void Run()
    {
        var events = new byte[256 * Libc.EpollEventSize];
        var nextSweep = Environment.TickCount64 + SweepMs;
        try
        {
            while (true)
            {
                var count = Libc.EpollWait(_epoll, events, SweepMs);
                Now = Environment.TickCount64;
                for (var i = 0; i < count; i++)
                {
                    var (flags, token) = Libc.EpollEventAt(events, i);
                    if (token == ListenerToken)
                    {
                        AcceptGuarded();
                    }
                    else if (token == WakeToken)
                    {
                        Libc.Drain(_wake);
                        TakeHandedOver();
                    }
                    else if (_sockets.TryGetValue((int)token, out var socket) && socket.Token == token)
                    {
                        Dispatch(socket, flags);
                    }
                }
                try
                {
                    if (_stopping && StopStep())
                    {
                        return;
                    }
                    if (Now >= nextSweep)
                    {
                        nextSweep = Now + SweepMs;
                        Sweep();
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _proxy.LogBug(e);
                }
            }
        }
        finally
        {
            CloseAll();
            AccessBatch?.Flush();
            Libc.Close(_epoll);
            Libc.Close(_wake);
            _stopped.TrySetResult();
        }
    }

    private void Dispatch(Pollable socket, uint flags)
    {
        try
        {
            socket.OnEvent(flags);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in one exchange must not take the loop (and every other connection) down.
            _proxy.LogBug(e);
            if (socket is ClientConnection client)
            {
                client.Abort();
            }
            else if (socket is BackendConnection backend)
            {
                backend.Owner?.Abort();
                Close(backend);
            }
        }
    }

    private void AcceptGuarded()
    {
        try
        {
            Accept();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _proxy.LogBug(e);
        }
    }

    private void Accept()
    {
        for (var i = 0; i < 64 && _listening; i++)
        {
            var fd = Libc.Accept(_listener, out var peer);
            if (fd < 0)
            {
                var errno = Libc.Errno;
                if (errno is not (Libc.EAGAIN or Libc.EINTR or Libc.ECONNABORTED))
                {
                    // Out of descriptors (EMFILE) or memory: the listener stays readable, so stop watching it for a
                    // moment instead of spinning; connections wait in the backlog meanwhile.
                    _listening = false;
                    _acceptPausedUntil = Now + 500;
                    Libc.EpollRemove(_epoll, _listener);
                    _proxy.LogAcceptFailed(errno);
                }
                return;
            }
            // Connections are dealt round-robin over the loops: a burst of connections accepted by one loop would
            // otherwise all stay on its core.
            var loop = _proxy.NextLoop();
            if (loop == this)
            {
                Adopt(fd, peer ?? IPAddress.None);
            }
            else
            {
                loop.HandOver(fd, peer ?? IPAddress.None);
            }
        }
    }

    /// <summary>Gives this loop a connection another loop accepted (called on the accepting thread).</summary>
    public void HandOver(int fd, IPAddress peer)
    {
        _handedOver.Enqueue((fd, peer));
        Libc.Signal(_wake);
    }

    private void TakeHandedOver()
    {
        while (_handedOver.TryDequeue(out var connection))
        {
            if (_stopping)
            {
                Libc.Close(connection.Fd);
                continue;
            }
            Adopt(connection.Fd, connection.Peer);
        }
    }

    private void Adopt(int fd, IPAddress peer)
    {
        var client = new ClientConnection(this, fd, peer);
        _clients.Add(client);
        Register(client, Libc.EPOLLIN);
    }

    /// <summary>One step of a graceful stop; true when the loop is done.</summary>
    private bool StopStep()
    {
        if (_listening)
        {
            _listening = false;
            Libc.EpollRemove(_epoll, _listener);
        }
        foreach (var client in _clients.ToList())
        {
            client.CloseIfIdle();
        }
        return _clients.Count == 0 || Now >= Volatile.Read(ref _hardStopAt);
    }

    private void Sweep()
    {
        AccessBatch?.Flush();
        if (!_listening && !_stopping && Now >= _acceptPausedUntil)
        {
            _listening = true;
            Libc.EpollAdd(_epoll, _listener, Libc.EPOLLIN | Libc.EPOLLEXCLUSIVE, ListenerToken);
        }
        foreach (var client in _clients.ToList())
        {
            client.CheckTimeouts(Now);
        }
        foreach (var stack in _idle.Values)
        {
            if (stack.Count == 0)
            {
                continue;
            }
            var keep = stack.Where(c => c.Fd >= 0 && !c.IdleTooLong(Now)).Reverse().ToList();
            foreach (var expired in stack.Where(c => c.Fd >= 0 && c.IdleTooLong(Now)))
            {
                Close(expired);
            }
            stack.Clear();
            foreach (var c in keep)
            {
                stack.Push(c);
            }
        }
    }

    private void CloseAll()
    {
        while (_handedOver.TryDequeue(out var connection))
        {
            Libc.Close(connection.Fd);
        }
        foreach (var client in _clients.ToList())
        {
            client.Abort();
        }
        foreach (var socket in _sockets.Values.ToList())
        {
            Close(socket);
        }
        _idle.Clear();
    }

    /// <summary>Buffers for connections: pooled, so a connection between requests holds only what it reads into.</summary>
    public static byte[] Rent(int size) => ArrayPool<byte>.Shared.Rent(size);

    public static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);
}
