using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Satama.Agent.Lb.Http1;

/// <summary>
/// The few Linux socket and epoll calls the plain-HTTP proxy makes itself. It runs its own event loops instead of
/// .NET's socket engine: that engine tries every read before waiting (a failed recv per read) and hands each
/// completion to another thread, which cost the load balancer about half its CPU (docs/BENCHMARKS.md).
/// </summary>
internal static unsafe partial class Libc
{
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int EINPROGRESS = 115;
    public const int ECONNABORTED = 103;

    public const uint EPOLLIN = 0x1;
    public const uint EPOLLOUT = 0x4;
    public const uint EPOLLERR = 0x8;
    public const uint EPOLLHUP = 0x10;
    public const uint EPOLLRDHUP = 0x2000;
    public const uint EPOLLEXCLUSIVE = 1u << 28;

    private const int EPOLL_CTL_ADD = 1;
    private const int EPOLL_CTL_DEL = 2;
    private const int EPOLL_CTL_MOD = 3;
    private const int SOCK_STREAM = 1;
    private const int SOCK_NONBLOCK = 0x800;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int MSG_NOSIGNAL = 0x4000;
    private const int IPPROTO_TCP = 6;
    private const int TCP_NODELAY = 1;
    private const int SOL_SOCKET = 1;
    private const int SO_ERROR = 4;
    private const int EFD_NONBLOCK = 0x800;
    private const int EFD_CLOEXEC = 0x80000;
    private const int AF_INET = 2;
    private const int AF_INET6 = 10;

    /// <summary>struct epoll_event is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16 bytes).</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;
    private static readonly int s_epollDataOffset = EpollEventSize == 12 ? 4 : 8;

    public static int Errno => Marshal.GetLastPInvokeError();

    public static int EpollCreate()
    {
        var fd = epoll_create1(EFD_CLOEXEC);
        return fd >= 0 ? fd : throw new SocketException(Errno);
    }

    public static void EpollAdd(int epfd, int fd, uint events, long data) => EpollControl(epfd, EPOLL_CTL_ADD, fd, events, data);

    public static void EpollModify(int epfd, int fd, uint events, long data) => EpollControl(epfd, EPOLL_CTL_MOD, fd, events, data);

    public static void EpollRemove(int epfd, int fd) => epoll_ctl(epfd, EPOLL_CTL_DEL, fd, null);

    private static void EpollControl(int epfd, int op, int fd, uint events, long data)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = events;
        *(long*)(ev + s_epollDataOffset) = data;
        if (epoll_ctl(epfd, op, fd, ev) != 0)
        {
            throw new SocketException(Errno);
        }
    }

    /// <summary>Waits for events into <paramref name="buffer"/> (EpollEventSize bytes each); the count, 0 on EINTR.</summary>
    public static int EpollWait(int epfd, byte[] buffer, int timeoutMs)
    {
        fixed (byte* b = buffer)
        {
            var n = epoll_wait(epfd, b, buffer.Length / EpollEventSize, timeoutMs);
            return n >= 0 ? n : Errno == EINTR ? 0 : throw new SocketException(Errno);
        }
    }

    public static (uint Events, long Data) EpollEventAt(byte[] buffer, int index)
    {
        fixed (byte* b = buffer)
        {
            var ev = b + (index * EpollEventSize);
            return (*(uint*)ev, *(long*)(ev + s_epollDataOffset));
        }
    }

    public static int EventFd()
    {
        var fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        return fd >= 0 ? fd : throw new SocketException(Errno);
    }

    public static void Signal(int eventFd)
    {
        long one = 1;
        _ = write(eventFd, &one, 8);
    }

    public static void Drain(int eventFd)
    {
        long value;
        _ = read(eventFd, &value, 8);
    }

    /// <summary>A non-blocking accepted socket with TCP_NODELAY and the peer's address, or -1 when none is waiting.</summary>
    public static int Accept(int listener, out IPAddress? peer)
    {
        var addr = stackalloc byte[128];
        var len = 128;
        var fd = accept4(listener, addr, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        peer = fd >= 0 ? ReadAddress(addr) : null;
        if (fd >= 0)
        {
            NoDelay(fd);
        }
        return fd;
    }

    /// <summary>Starts a non-blocking connect; the socket, and whether it is already connected (loopback often is).</summary>
    public static int Connect(IPEndPoint endpoint, out bool connected, out int error)
    {
        var family = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET;
        var fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            connected = false;
            error = Errno;
            return -1;
        }
        NoDelay(fd);
        var addr = stackalloc byte[28];
        var length = WriteAddress(endpoint, addr);
        var rc = connect(fd, addr, length);
        error = rc == 0 ? 0 : Errno;
        connected = rc == 0;
        if (rc != 0 && error != EINPROGRESS)
        {
            _ = close(fd);
            return -1;
        }
        error = 0;
        return fd;
    }

    /// <summary>The outcome of a non-blocking connect once the socket is writable: 0 or the errno.</summary>
    public static int SocketError(int fd)
    {
        int value = 0, len = sizeof(int);
        return getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &len) == 0 ? value : Errno;
    }

    /// <summary>Bytes read, 0 at end of stream, -1 with <see cref="Errno"/> set (EAGAIN: nothing now).</summary>
    public static int Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            return (int)recv(fd, b, buffer.Length, 0);
        }
    }

    /// <summary>Bytes written, -1 with <see cref="Errno"/> set (EAGAIN: the socket's buffer is full).</summary>
    public static int Send(int fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* b = buffer)
        {
            return (int)send(fd, b, buffer.Length, MSG_NOSIGNAL);
        }
    }

    public static void Close(int fd) => _ = close(fd);

    private static void NoDelay(int fd)
    {
        var one = 1;
        _ = setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(int));
    }

    private static IPAddress? ReadAddress(byte* addr)
    {
        var family = *(ushort*)addr;
        return family switch
        {
            AF_INET => new IPAddress(new ReadOnlySpan<byte>(addr + 4, 4)),
            AF_INET6 => MapBack(new IPAddress(new ReadOnlySpan<byte>(addr + 8, 16))),
            _ => null,
        };
    }

    private static IPAddress MapBack(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static int WriteAddress(IPEndPoint endpoint, byte* addr)
    {
        new Span<byte>(addr, 28).Clear();
        var port = (ushort)endpoint.Port;
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            *(ushort*)addr = AF_INET6;
            addr[2] = (byte)(port >> 8);
            addr[3] = (byte)port;
            endpoint.Address.TryWriteBytes(new Span<byte>(addr + 8, 16), out _);
            *(uint*)(addr + 24) = (uint)endpoint.Address.ScopeId;
            return 28;
        }
        *(ushort*)addr = AF_INET;
        addr[2] = (byte)(port >> 8);
        addr[3] = (byte)port;
        endpoint.Address.TryWriteBytes(new Span<byte>(addr + 4, 4), out _);
        return 16;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, void* ev);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_wait(int epfd, void* events, int maxEvents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, void* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, void* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int accept4(int fd, void* addr, int* addrlen, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int connect(int fd, void* addr, int addrlen);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getsockopt(int fd, int level, int name, void* value, int* len);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsockopt(int fd, int level, int name, void* value, int len);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recv(int fd, void* buf, nint len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint send(int fd, void* buf, nint len, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
