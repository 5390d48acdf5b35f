using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Satama.Agent.Health;

/// <summary>One try of a check: http and tcp from the agent to the container's IP, command by exec.</summary>
internal static class HealthProbe
{
    private static readonly HttpClient s_http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Null when healthy; otherwise what failed, e.g. "HTTP 404 on /health".</summary>
    public static async Task<string?> HttpAsync(string ip, int port, string path, int min, int max, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            var uri = new Uri($"http://{Host(ip)}:{port.ToString(CultureInfo.InvariantCulture)}{path}");
            using var response = await s_http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            return status >= min && status <= max ? null : $"HTTP {status.ToString(CultureInfo.InvariantCulture)} on {path}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"timed out after {Seconds(timeout)} on {path}";
        }
        catch (HttpRequestException e)
        {
            return e.InnerException is SocketException socket ? Describe(socket, port) : $"{e.Message} on {path}";
        }
    }

    public static async Task<string?> TcpAsync(string ip, int port, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(IPAddress.Parse(ip), port, limit.Token);
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"timed out after {Seconds(timeout)} connecting to :{port.ToString(CultureInfo.InvariantCulture)}";
        }
        catch (SocketException e)
        {
            return Describe(e, port);
        }
    }

    public static async Task<string?> CommandAsync(IHealthDriver driver, string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct)
    {
        var outcome = await driver.ExecAsync(id, command, timeout, ct);
        if (outcome.Error.Length > 0)
        {
            return outcome.Error;
        }
        if (outcome.ExitCode == 0)
        {
            return null;
        }
        var output = Encoding.UTF8.GetString(outcome.Stderr.Length > 0 ? outcome.Stderr : outcome.Stdout).Trim();
        var line = output.Split('\n', 2)[0].Trim();
        if (line.Length > 200)
        {
            line = line[..200] + "…";
        }
        return $"exit {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)}: {(line.Length > 0 ? line : "no output")}";
    }

    private static string Describe(SocketException e, int port) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => $"connection refused on :{port.ToString(CultureInfo.InvariantCulture)}",
        SocketError.TimedOut => $"timed out connecting to :{port.ToString(CultureInfo.InvariantCulture)}",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"container unreachable for :{port.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{e.Message} on :{port.ToString(CultureInfo.InvariantCulture)}",
    };

    private static string Host(string ip) => ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
