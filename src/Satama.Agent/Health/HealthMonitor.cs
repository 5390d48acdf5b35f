using Microsoft.Extensions.Logging;
using Satama.Agent.Reconciler;
using Satama.Core.Reconciling;

namespace Satama.Agent.Health;

/// <summary>
/// Beside the reconciler, not inside it: after each pass <see cref="Sync"/> starts a
/// <see cref="HealthChecker"/> for every running container (a new one when the container was
/// replaced or restarted) and stops those of containers that no longer run. The link reads
/// <see cref="Get"/> when it builds a report and sends one at once on <see cref="Changed"/>.
/// </summary>
internal sealed class HealthMonitor(IHealthDriver driver, TimeProvider time, ILogger<HealthMonitor> logger) : IAsyncDisposable
{
    private readonly Dictionary<string, HealthChecker> _checkers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Raised (on a checker's thread) when a container's health value changes.</summary>
    public event Action<string, HealthStatus>? Changed;

    /// <summary>The container's health, <see cref="HealthStatus.None"/> when it is not running or unknown.</summary>
    public HealthStatus Get(string name)
    {
        lock (_gate)
        {
            return _checkers.TryGetValue(name, out var checker) ? checker.Status : HealthStatus.None;
        }
    }

    public void Sync(NodeReport report)
    {
        var stale = new List<HealthChecker>();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            var running = report.Containers
                .Where(c => c.Actual is { State: ContainerRunState.Running })
                .ToDictionary(c => c.Name, StringComparer.Ordinal);
            foreach (var (name, checker) in _checkers.ToList())
            {
                if (!running.TryGetValue(name, out var line) || line.Actual!.Id != checker.Id || line.Actual.StartedAt != checker.Started)
                {
                    stale.Add(checker);
                    _checkers.Remove(name);
                }
            }
            foreach (var (name, line) in running)
            {
                if (!_checkers.ContainsKey(name))
                {
                    var actual = line.Actual!;
                    _checkers[name] = new HealthChecker(driver, name, actual.Id, line.Desired, actual.StartedAt ?? time.GetUtcNow(), time, OnChanged, logger);
                }
            }
        }
        foreach (var checker in stale)
        {
            _ = checker.DisposeAsync().AsTask();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<HealthChecker> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _checkers.Values];
            _checkers.Clear();
        }
        foreach (var checker in all)
        {
            await checker.DisposeAsync();
        }
    }

    private void OnChanged(string name, HealthStatus status) => Changed?.Invoke(name, status);
}
