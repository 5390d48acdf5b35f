using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Satama.Agent.Tests.Lb;

/// <summary>
/// An instance killed in the middle of an answer: on a raw loopback socket it reads a request, sends the headers of
/// a 64-byte answer and none of its body, and closes the connection cleanly (a FIN, as the kernel sends for a killed process that had read all it
/// was sent; a reset would make the proxy drop the answer unread and fail before the headers instead).
/// </summary>
internal sealed class CuttingBackend : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public CuttingBackend()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";

    private int _answered;

    /// <summary>How many requests it has cut short.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0)
                {
                    return;
                }
                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 64\r\nContent-Type: text/plain\r\n\r\n"u8.ToArray(), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            Interlocked.Increment(ref _answered);
            client.Client.Shutdown(SocketShutdown.Send);
        }
    }
}
