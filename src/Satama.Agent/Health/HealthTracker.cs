using Satama.Core.Model;

namespace Satama.Agent.Health;

/// <summary>
/// Turns probe results into a health value, Docker's way: starting until the first success;
/// failures during the start period do not count; <c>retries</c> failures in a row after it
/// make the container unhealthy; one success makes it healthy again.
/// </summary>
internal sealed class HealthTracker(int retries, TimeSpan startPeriod, DateTimeOffset started)
{
    private int _failures;

    public HealthStatus Status { get; private set; } = new(InstanceHealth.Starting, "", null);

    /// <summary>Records one try (<paramref name="failure"/> null: passed) and returns the new status.</summary>
    public HealthStatus Observe(string? failure, DateTimeOffset now)
    {
        if (failure is null)
        {
            _failures = 0;
            Status = Status.Health == InstanceHealth.Healthy ? Status with { Detail = "" } : new HealthStatus(InstanceHealth.Healthy, "", now);
            return Status;
        }
        if (now - started < startPeriod)
        {
            Status = Status with { Detail = failure };
            return Status;
        }
        _failures++;
        Status = _failures >= Math.Max(1, retries)
            ? new HealthStatus(InstanceHealth.Unhealthy, failure, null)
            : Status with { Detail = failure };
        return Status;
    }
}
