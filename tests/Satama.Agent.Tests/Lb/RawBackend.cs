using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Satama.Agent.Tests.Lb;

/// <summary>
/// An instance on a raw loopback socket that answers each request head it reads with a fixed answer, for what a
/// real server would not send (an answer delimited by closing the connection). Closes after the answer when told to.
/// </summary>
internal sealed class RawBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly byte[] _answer;
    private readonly bool _closeAfter;
    private readonly bool _dropSecond;
    private readonly List<Task> _connections = [];
    private readonly List<string> _heads = [];

    /// <param name="answer">What every request gets.</param>
    /// <param name="closeAfter">Close each connection after its first answer.</param>
    /// <param name="dropSecond">Close a connection without an answer when its second request arrives, as a server
    /// whose keep-alive timeout ran out just as the request was on its way.</param>
    public RawBackend(string answer, bool closeAfter, bool dropSecond = false)
    {
        _answer = Encoding.ASCII.GetBytes(answer);
        _closeAfter = closeAfter;
        _dropSecond = dropSecond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The request heads it was sent.</summary>
    public IReadOnlyList<string> Heads
    {
        get
        {
            lock (_heads)
            {
                return [.. _heads];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections, _accepting];
        }
        foreach (var task in connections)
        {
            try
            {
                await task;
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
            {
                // Stopped.
            }
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_connections)
            {
                _connections.Add(Task.Run(() => ServeAsync(client)));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var received = new StringBuilder();
            var served = 0;
            while (true)
            {
                var end = received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end >= 0)
                {
                    lock (_heads)
                    {
                        _heads.Add(received.ToString(0, end + 4));
                    }
                    received.Remove(0, end + 4);
                    if (_dropSecond && ++served == 2)
                    {
                        return;
                    }
                    await stream.WriteAsync(_answer, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    if (_closeAfter)
                    {
                        return;
                    }
                    continue;
                }
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    return;
                }
                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
        }
    }
}
