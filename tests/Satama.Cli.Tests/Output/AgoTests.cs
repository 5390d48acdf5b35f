using Satama.Cli.Output;

namespace Satama.Cli.Tests.Output;

public sealed class AgoTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "0s ago")]
    [InlineData(3, "3s ago")]
    [InlineData(59, "59s ago")]
    [InlineData(60, "1m ago")]
    [InlineData(3599, "59m ago")]
    [InlineData(7200, "2h ago")]
    [InlineData(47 * 3600, "47h ago")]
    [InlineData(3 * 86400, "3d ago")]
    [InlineData(-5, "0s ago")]
    public void Formats_relative_to_now(int secondsAgo, string expected)
    {
        Assert.Equal(expected, Ago.Format(s_now.AddSeconds(-secondsAgo), s_now));
    }

    [Fact]
    public void Never_seen_is_never()
    {
        Assert.Equal("never", Ago.Format(null, s_now));
    }
}
