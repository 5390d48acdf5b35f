using Satama.Master.Hardening;

namespace Satama.Master.Tests.Hardening;

public sealed class FailedAuthLimiterTests
{
    [Fact]
    public void Ten_failures_within_a_minute_lock_out_that_address_only_and_the_lock_expires()
    {
        var time = new ManualTime();
        var limiter = new FailedAuthLimiter(time);

        for (var i = 0; i < 9; i++)
        {
            limiter.RecordFailure("10.0.0.1");
            time.Advance(TimeSpan.FromSeconds(5));
        }
        Assert.Null(limiter.LockedUntil("10.0.0.1"));
        limiter.RecordFailure("10.0.0.1");

        Assert.Equal(time.GetUtcNow() + RequestLimits.Lockout, limiter.LockedUntil("10.0.0.1"));
        Assert.Null(limiter.LockedUntil("10.0.0.2"));
        time.Advance(RequestLimits.Lockout);
        Assert.Null(limiter.LockedUntil("10.0.0.1"));
    }

    [Fact]
    public void Failures_spread_beyond_the_window_never_lock_out()
    {
        var time = new ManualTime();
        var limiter = new FailedAuthLimiter(time);

        for (var i = 0; i < 30; i++)
        {
            limiter.RecordFailure("10.0.0.1");
            time.Advance(TimeSpan.FromSeconds(7));
        }

        Assert.Null(limiter.LockedUntil("10.0.0.1"));
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
