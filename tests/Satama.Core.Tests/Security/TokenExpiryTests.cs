using Satama.Core.Security;

namespace Satama.Core.Tests.Security;

public sealed class TokenExpiryTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("90d", 90 * 24.0)]
    [InlineData("12h", 12.0)]
    [InlineData("1h30m", 1.5)]
    public void A_lifetime_counts_from_now(string text, double hours) =>
        Assert.Equal(s_now.AddHours(hours), TokenExpiry.Parse(text, s_now).Expires);

    [Fact]
    public void A_time_is_taken_as_is_and_nothing_means_never()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero), TokenExpiry.Parse("2027-01-31", s_now).Expires);
        Assert.Equal((null, null), TokenExpiry.Parse(null, s_now));
        Assert.Equal((null, null), TokenExpiry.Parse(" ", s_now));
    }

    [Theory]
    [InlineData("soon", "neither a lifetime")]
    [InlineData("2020-01-01", "in the past")]
    [InlineData("0s", "positive")]
    [InlineData("5000d", "longer than 3650 days")]
    [InlineData("9999-12-31", "more than 3650 days from now")]
    [InlineData("2036-11-26T12:00:00Z", "more than 3650 days from now")]
    public void Bad_values_say_why(string text, string error) =>
        Assert.Contains(error, TokenExpiry.Parse(text, s_now).Error);

    [Fact]
    public void A_time_at_the_cap_is_taken() =>
        Assert.Equal(s_now + TokenExpiry.MaxLifetime, TokenExpiry.Parse("2036-11-22T12:00:00Z", s_now).Expires);

    [Fact]
    public void A_new_token_never_outlives_the_token_that_makes_it()
    {
        var limit = s_now.AddDays(1);

        Assert.Equal((limit, true), TokenExpiry.Cap(s_now.AddDays(30), limit));
        Assert.Equal((limit, true), TokenExpiry.Cap(null, limit));
        Assert.Equal((s_now.AddHours(1), false), TokenExpiry.Cap(s_now.AddHours(1), limit));
        Assert.Equal((limit, false), TokenExpiry.Cap(limit, limit));
        Assert.Equal((null, false), TokenExpiry.Cap(null, null));
        Assert.Equal((s_now.AddDays(30), false), TokenExpiry.Cap(s_now.AddDays(30), null));
    }
}
