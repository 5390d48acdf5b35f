namespace Satama.Agent.Lb.Http1;

/// <summary>
/// A keep-alive connection to one instance, owned by one event loop: serving one client's exchange, or idle in the
/// loop's pool (then an end of stream or any data closes it: the instance gave up on it).
/// </summary>
internal sealed class BackendConnection : Pollable
{
    public const int BufferSize = 16 * 1024;
    private const long IdleTimeoutMs = 30_000;

    private readonly EventLoop _loop;
    private long _idleSince;

    public BackendConnection(EventLoop loop, ProxyBackend backend, int fd, bool connected)
    {
        _loop = loop;
        Backend = backend;
        Fd = fd;
        Connected = connected;
    }

    public ProxyBackend Backend { get; }

    /// <summary>The exchange using it; null while idle.</summary>
    public ClientConnection? Owner { get; set; }

    public bool Connected { get; set; }

    /// <summary>Served a request before: an end of stream before any answer may just be its idle timeout.</summary>
    public bool Reused { get; set; }

    /// <summary>What was read from the instance and not yet passed on: Buffer[Start..End].</summary>
    public byte[]? Buffer { get; set; }

    public int Start { get; set; }

    public int End { get; set; }

    public void MakeIdle(long now)
    {
        Owner = null;
        Reused = true;
        _idleSince = now;
        if (Buffer is not null)
        {
            EventLoop.Return(Buffer);
            Buffer = null;
        }
        Start = End = 0;
        _loop.SetInterest(this, Libc.EPOLLIN | Libc.EPOLLRDHUP);
    }

    public bool IdleTooLong(long now) => Owner is null && now - _idleSince > IdleTimeoutMs;

    public override void OnEvent(uint events)
    {
        if (Owner is not null)
        {
            Owner.OnBackendEvent(this, events);
            return;
        }
        // Idle: the instance closed it (or sent something unasked): it cannot carry another request.
        _loop.Close(this);
    }

    /// <summary>Closes it and gives back its buffer.</summary>
    public void Dispose()
    {
        _loop.Close(this);
        Owner = null;
        if (Buffer is not null)
        {
            EventLoop.Return(Buffer);
            Buffer = null;
        }
    }
}
