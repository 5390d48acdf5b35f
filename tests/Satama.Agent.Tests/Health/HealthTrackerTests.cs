using Satama.Agent.Health;
using Satama.Core.Model;

namespace Satama.Agent.Tests.Health;

public sealed class HealthTrackerTests
{
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Starting_until_the_first_success_then_healthy_since_then()
    {
        var tracker = new HealthTracker(3, TimeSpan.Zero, s_start);

        Assert.Equal(InstanceHealth.Starting, tracker.Observe("connection refused on :80", s_start.AddSeconds(1)).Health);
        var healthy = tracker.Observe(null, s_start.AddSeconds(2));

        Assert.Equal(InstanceHealth.Healthy, healthy.Health);
        Assert.Equal(s_start.AddSeconds(2), healthy.HealthySince);
        Assert.Equal(s_start.AddSeconds(2), tracker.Observe(null, s_start.AddSeconds(3)).HealthySince);
    }

    [Fact]
    public void Retries_failures_in_a_row_make_it_unhealthy_and_one_success_heals()
    {
        var tracker = new HealthTracker(2, TimeSpan.Zero, s_start);
        tracker.Observe(null, s_start);

        Assert.Equal(InstanceHealth.Healthy, tracker.Observe("HTTP 502 on /health", s_start.AddSeconds(1)).Health);
        var failed = tracker.Observe("HTTP 502 on /health", s_start.AddSeconds(2));
        Assert.Equal(InstanceHealth.Unhealthy, failed.Health);
        Assert.Equal("HTTP 502 on /health", failed.Detail);

        Assert.Equal(InstanceHealth.Healthy, tracker.Observe(null, s_start.AddSeconds(3)).Health);
    }

    [Fact]
    public void Failures_in_the_start_period_do_not_count()
    {
        var tracker = new HealthTracker(1, TimeSpan.FromSeconds(10), s_start);

        var early = tracker.Observe("connection refused on :80", s_start.AddSeconds(5));
        Assert.Equal(InstanceHealth.Starting, early.Health);
        Assert.Equal("connection refused on :80", early.Detail);

        Assert.Equal(InstanceHealth.Unhealthy, tracker.Observe("connection refused on :80", s_start.AddSeconds(11)).Health);
    }
}
