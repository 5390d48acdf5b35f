using Satama.Agent.MasterLink;

namespace Satama.Agent.Tests.MasterLink;

public sealed class LinkBackoffTests
{
    [Fact]
    public void The_bound_doubles_from_half_a_second_to_a_thirty_second_cap()
    {
        var backoff = new LinkBackoff(() => 1.0);

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.Next().TotalSeconds).ToList();

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30, 30], delays);
    }

    [Fact]
    public void Full_jitter_picks_anywhere_below_the_bound()
    {
        var backoff = new LinkBackoff(() => 0.25);
        backoff.Next();
        backoff.Next();

        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Next());
    }

    [Fact]
    public void A_welcome_resets_the_backoff()
    {
        var backoff = new LinkBackoff(() => 1.0);
        for (var i = 0; i < 8; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(0.5), backoff.Next());
    }

    [Fact]
    public void A_rejection_waits_at_least_half_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), new LinkBackoff(() => 0.0).Long());
        Assert.Equal(TimeSpan.FromSeconds(30), new LinkBackoff(() => 1.0).Long());
    }
}
