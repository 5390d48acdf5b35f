using System.Diagnostics;
using System.Net;

namespace Satama.E2E.Lb;

/// <summary>
/// A bounded client load against the load balancer on loopback: <c>workers</c> loops of GET for <c>duration</c>,
/// counting answers by body and the failed requests (anything but 200, or no answer) with why.
/// </summary>
internal sealed class LbLoad
{
    private long _ok;
    private long _failed;
    private readonly Dictionary<string, long> _bodies = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];

    public long Ok => Interlocked.Read(ref _ok);

    public long Failed => Interlocked.Read(ref _failed);

    public IReadOnlyDictionary<string, long> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return new Dictionary<string, long>(_bodies, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures.Take(20)];
            }
        }
    }

    public string Describe() =>
        $"ok {Ok}, failed {Failed}; bodies: {string.Join(", ", Bodies.Select(b => $"{b.Key}={b.Value}"))}; first failures: {string.Join(" | ", Failures)}";

    public async Task RunAsync(Uri url, int workers, TimeSpan duration, CancellationToken ct = default)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = workers, PooledConnectionLifetime = TimeSpan.FromSeconds(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed < duration && !ct.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync(url, ct);
                    var body = (await response.Content.ReadAsStringAsync(ct)).Trim();
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref _ok);
                        lock (_bodies)
                        {
                            _bodies[body] = _bodies.GetValueOrDefault(body) + 1;
                        }
                    }
                    else
                    {
                        Fail($"{(int)response.StatusCode} at {stopwatch.Elapsed.TotalSeconds:0.0}s");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Fail($"{e.GetType().Name}: {e.Message} at {stopwatch.Elapsed.TotalSeconds:0.0}s");
                }
            }
        }, ct)));
    }

    private void Fail(string why)
    {
        Interlocked.Increment(ref _failed);
        lock (_failures)
        {
            _failures.Add(why);
        }
    }
}
