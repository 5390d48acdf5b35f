using Microsoft.Extensions.Logging;
using Satama.Core.Model;
using Satama.Core.Reconciling;

namespace Satama.Agent.Health;

/// <summary>
/// Checks one running container until disposed, reporting each change of its status.
/// Which check: the service's own (<see cref="DesiredContainerView.Health"/>); else the image's
/// Docker HEALTHCHECK, read from inspect; else a TCP connect to the first published or exposed
/// port (a started container is not yet a serving one); else, with no port at all, healthy.
/// </summary>
internal sealed class HealthChecker : IAsyncDisposable
{
    /// <summary>The check used for a service without one: TCP on its first port.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DockerPollInterval = TimeSpan.FromSeconds(2);

    private readonly IHealthDriver _driver;
    private readonly string _name;
    private readonly string _id;
    private readonly DesiredContainerView? _desired;
    private readonly DateTimeOffset _started;
    private readonly TimeProvider _time;
    private readonly Action<string, HealthStatus> _changed;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private HealthStatus _status = new(InstanceHealth.Starting, "", null);

    public HealthChecker(IHealthDriver driver, string name, string id, DesiredContainerView? desired, DateTimeOffset started, TimeProvider time, Action<string, HealthStatus> changed, ILogger logger)
    {
        _driver = driver;
        _name = name;
        _id = id;
        _desired = desired;
        _started = started;
        _time = time;
        _changed = changed;
        _logger = logger;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public string Id => _id;

    public DateTimeOffset Started => _started;

    public HealthStatus Status => Volatile.Read(ref _status);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            var target = await _driver.InspectHealthAsync(_id, ct);
            if (target is null)
            {
                return;
            }
            if (_desired?.Health is { } check)
            {
                await ProbeLoopAsync(check, target, ct);
            }
            else if (target.DockerHealth is not null)
            {
                await DockerLoopAsync(ct);
            }
            else if (FirstPort(target) is { } port)
            {
                var fallback = new HealthCheck { Type = HealthCheckType.Tcp, Port = port, Interval = DefaultInterval };
                await ProbeLoopAsync(fallback, target, ct);
            }
            else
            {
                Publish(new HealthStatus(InstanceHealth.Healthy, "no port to check", _time.GetUtcNow()));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed: the container stopped or went away.
        }
        catch (Exception e)
        {
            HealthLog.CheckerFailed(_logger, e, _name);
            Publish(new HealthStatus(InstanceHealth.Unhealthy, $"health check could not run: {e.Message}", null));
        }
    }

    private int? FirstPort(HealthTarget target)
    {
        var published = _desired?.Ports.FirstOrDefault(p => p.Protocol is "tcp" or "")?.ContainerPort;
        return published ?? (target.ExposedTcpPorts.Count > 0 ? target.ExposedTcpPorts[0] : null);
    }

    private async Task ProbeLoopAsync(HealthCheck check, HealthTarget target, CancellationToken ct)
    {
        var tracker = new HealthTracker(check.Retries, check.StartPeriod, _started);
        while (!ct.IsCancellationRequested)
        {
            var failure = await ProbeAsync(check, target, ct);
            Publish(tracker.Observe(failure, _time.GetUtcNow()));
            await Task.Delay(check.Interval, _time, ct);
        }
    }

    private async Task<string?> ProbeAsync(HealthCheck check, HealthTarget target, CancellationToken ct)
    {
        if (check.Type == HealthCheckType.Command)
        {
            return await HealthProbe.CommandAsync(_driver, _id, check.Command, check.Timeout, ct);
        }
        if (target.IpAddress.Length == 0)
        {
            return "the container has no IP address to check";
        }
        return check.Type == HealthCheckType.Http
            ? await HealthProbe.HttpAsync(target.IpAddress, check.Port, check.Path, check.ExpectedStatusMin, check.ExpectedStatusMax, check.Timeout, ct)
            : await HealthProbe.TcpAsync(target.IpAddress, check.Port, check.Timeout, ct);
    }

    /// <summary>The image has a HEALTHCHECK and the service none: Docker runs it; we read its verdict.</summary>
    private async Task DockerLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var target = await _driver.InspectHealthAsync(_id, ct);
            if (target?.DockerHealth is not { } docker)
            {
                return;
            }
            var health = InstanceHealths.Parse(docker);
            var current = Status;
            Publish(health switch
            {
                InstanceHealth.Healthy => current.Health == InstanceHealth.Healthy ? current with { Detail = "" } : new HealthStatus(health, "", _time.GetUtcNow()),
                InstanceHealth.Unhealthy => new HealthStatus(health, target.DockerHealthDetail, null),
                _ => new HealthStatus(InstanceHealth.Starting, target.DockerHealthDetail, null),
            });
            await Task.Delay(DockerPollInterval, _time, ct);
        }
    }

    private void Publish(HealthStatus status)
    {
        var before = Interlocked.Exchange(ref _status, status);
        if (before.Health != status.Health)
        {
            HealthLog.Changed(_logger, _name, status.Health.ToWire(), status.Detail);
            _changed(_name, status);
        }
    }
}
