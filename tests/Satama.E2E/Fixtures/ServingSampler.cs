using Satama.Client;

namespace Satama.E2E.Fixtures;

/// <summary>
/// Samples, until stopped, how many instances of a service really serve: each sample lists the
/// service's running containers through the API and GETs a path on each one's address (the
/// engine's bridge, on this machine); an instance serves when one of its containers answers 200.
/// Bounded: at most <see cref="MaxSamples"/> samples, each request with a short timeout.
/// </summary>
public sealed class ServingSampler : IAsyncDisposable
{
    public const int MaxSamples = 3000;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };

    private ServingSampler(SatamaClient client, string grid, string stack, string service, int port, string path) =>
        _loop = Task.Run(() => LoopAsync(client, grid, stack, service, port, path));

    /// <summary>Serving instances per sample, in order.</summary>
    public List<int> Samples { get; } = [];

    /// <summary>Why samples were low: "sample 12: 4 serving (web-3: connection refused)".</summary>
    public List<string> Notes { get; } = [];

    public static ServingSampler Start(SatamaClient client, string grid, string stack, string service, int port, string path) =>
        new(client, grid, stack, service, port, path);

    public async Task<List<int>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return Samples;
    }

    private async Task LoopAsync(SatamaClient client, string grid, string stack, string service, int port, string path)
    {
        while (!_stop.IsCancellationRequested && Samples.Count < MaxSamples)
        {
            try
            {
                var containers = (await client.ListContainersAsync(grid, _stop.Token))
                    .Where(c => c.Stack == stack && c.Service == service && c.State == "running" && c.IpAddress is not null)
                    .ToList();
                var probes = containers.Select(async c => (c.Instance, Ok: await ServesAsync($"http://{c.IpAddress}:{port}{path}"))).ToList();
                var results = await Task.WhenAll(probes);
                var serving = results.Where(r => r.Ok).Select(r => r.Instance).Distinct().Count();
                Samples.Add(serving);
                Notes.Add($"sample {Samples.Count}: {serving} serving of {containers.Count} containers ({string.Join(", ", containers.Select(c => $"{c.Name}={(results.First(r => r.Instance == c.Instance).Ok ? "ok" : "down")}"))})");
                await Task.Delay(TimeSpan.FromMilliseconds(200), _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    // Twice at most: on a loaded machine one probe can time out although the instance serves.
    private async Task<bool> ServesAsync(string url)
    {
        for (var attempt = 0; attempt < 2 && !_stop.IsCancellationRequested; attempt++)
        {
            try
            {
                using var response = await _http.GetAsync(url, _stop.Token);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
        _http.Dispose();
    }
}
