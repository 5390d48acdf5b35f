using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("10", 10_000)]
    [InlineData(" 5s ", 5_000)]
    public void Compose_durations_parse(string text, int millis)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(millis), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("5 s")]
    [InlineData("5x")]
    [InlineData("-5s")]
    [InlineData("99999999999999h")]
    public void Anything_else_does_not(string? text) => Assert.False(Durations.TryParse(text, out _));
}
