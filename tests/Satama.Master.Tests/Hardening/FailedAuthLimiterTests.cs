using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Satama.Master.Hardening;

namespace Satama.Master.Tests.Hardening;

public sealed class FailedAuthLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Ten_failures_within_a_minute_lock_out_that_address_only_and_the_lock_expires()
    {
        var limiter = new FailedAuthLimiter(_time);

        for (var i = 0; i < 9; i++)
        {
            Assert.Null(limiter.RecordFailure("10.0.0.1"));
            _time.Advance(TimeSpan.FromSeconds(5));
        }
        Assert.Null(limiter.LockedUntil("10.0.0.1"));
        Assert.Null(limiter.RecordFailure("10.0.0.1"));

        var until = _time.GetUtcNow() + RequestLimits.Lockout;
        Assert.Equal(until, limiter.LockedUntil("10.0.0.1"));
        Assert.Equal(until, limiter.RecordFailure("10.0.0.1"));
        Assert.Null(limiter.LockedUntil("10.0.0.2"));
        _time.Advance(RequestLimits.Lockout);
        Assert.Null(limiter.LockedUntil("10.0.0.1"));
        Assert.Null(limiter.RecordFailure("10.0.0.1"));
    }

    [Fact]
    public void Failures_spread_beyond_the_window_never_lock_out()
    {
        var limiter = new FailedAuthLimiter(_time);

        for (var i = 0; i < 30; i++)
        {
            limiter.RecordFailure("10.0.0.1");
            _time.Advance(TimeSpan.FromSeconds(7));
        }

        Assert.Null(limiter.LockedUntil("10.0.0.1"));
    }

    [Fact]
    public void IPv6_addresses_count_by_their_64_bit_prefix_and_IPv4_mapped_ones_as_IPv4()
    {
        var limiter = new FailedAuthLimiter(_time);

        for (var i = 0; i < RequestLimits.MaxAuthFailures; i++)
        {
            // A new interface id each time: the host behind the /64 is still one guesser.
            limiter.RecordFailure(IPAddress.Parse($"2001:db8:1:2::{i + 1:x}"));
            limiter.RecordFailure(IPAddress.Parse("::ffff:192.0.2.7"));
        }

        Assert.NotNull(limiter.LockedUntil(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff")));
        Assert.Null(limiter.LockedUntil(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.NotNull(limiter.LockedUntil(IPAddress.Parse("192.0.2.7")));
        Assert.Equal("2001:db8:1:2::/64", FailedAuthKey.Of(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        Assert.Equal("192.0.2.7", FailedAuthKey.Of(IPAddress.Parse("::ffff:192.0.2.7")));
    }

    [Fact]
    public void A_flood_of_distinct_addresses_stays_within_the_cap_and_evicts_the_oldest_first()
    {
        const int Cap = 100;
        var limiter = new FailedAuthLimiter(_time, Cap);
        for (var i = 0; i < RequestLimits.MaxAuthFailures; i++)
        {
            limiter.RecordFailure("10.0.0.1");
        }
        Assert.NotNull(limiter.LockedUntil("10.0.0.1"));

        for (var i = 0; i < 50 * Cap; i++)
        {
            limiter.RecordFailure(Address(i));
            Assert.True(limiter.Count <= Cap, $"{limiter.Count} entries after {i + 1} addresses");
        }
        for (var i = 0; i < RequestLimits.MaxAuthFailures - 1; i++)
        {
            limiter.RecordFailure(Address(50 * Cap - 1));
        }

        Assert.Equal(Cap, limiter.Count);
        Assert.Null(limiter.LockedUntil("10.0.0.1"));
        Assert.NotNull(limiter.LockedUntil(Address(50 * Cap - 1)));
    }

    [Fact]
    public void Keys_with_nothing_left_to_count_are_dropped_as_later_failures_come()
    {
        var limiter = new FailedAuthLimiter(_time);
        for (var i = 0; i < 500; i++)
        {
            limiter.RecordFailure(Address(i));
        }
        _time.Advance(RequestLimits.FailureWindow);

        limiter.RecordFailure("10.0.0.1");

        Assert.Equal(1, limiter.Count);
    }

    private static string Address(int i) => "172.16." + (i / 256).ToString(CultureInfo.InvariantCulture) + "." + (i % 256).ToString(CultureInfo.InvariantCulture);
}
