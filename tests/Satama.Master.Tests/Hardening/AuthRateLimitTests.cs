using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Hardening;

/// <summary>Each test locks out 127.0.0.1, so each has its own master.</summary>
public sealed class AuthRateLimitTests
{
    [Fact]
    public async Task Ten_failed_authentications_in_a_minute_get_429_from_then_on_but_a_valid_token_from_the_same_address_still_passes()
    {
        await using var master = await TestMaster.StartAsync();
        using var stranger = master.ClientWithToken("guess");

        for (var i = 0; i < 10; i++)
        {
            var refused = await Assert.ThrowsAsync<SatamaApiException>(() => stranger.ListGridsAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        }
        var locked = await Assert.ThrowsAsync<SatamaApiException>(() => stranger.ListGridsAsync());
        using var raw = master.RawHttp("another-guess");
        using var lockedRaw = await raw.GetAsync("v1/grids");

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.Contains("too many failed authentications from 127.0.0.1", locked.Detail);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedRaw.StatusCode);
        Assert.NotNull(lockedRaw.Headers.RetryAfter);
        Assert.NotNull(await master.Client.ListGridsAsync());
        Assert.NotNull(await master.Client.CreateGridAsync(new GridCreateRequest(Testing.UniqueNames.Next("g"))));
    }

    [Fact]
    public async Task Requests_without_any_token_are_refused_but_do_not_count_as_guesses()
    {
        await using var master = await TestMaster.StartAsync();
        using var anonymous = master.ClientWithToken(null);

        for (var i = 0; i < 15; i++)
        {
            var refused = await Assert.ThrowsAsync<SatamaApiException>(() => anonymous.ListGridsAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        }

        Assert.NotNull(await master.Client.ListGridsAsync());
    }

    [Fact]
    public async Task A_few_failures_do_not_lock_anyone_out()
    {
        await using var master = await TestMaster.StartAsync();
        using var stranger = master.ClientWithToken("guess");

        for (var i = 0; i < 9; i++)
        {
            await Assert.ThrowsAsync<SatamaApiException>(() => stranger.ListGridsAsync());
        }

        Assert.NotNull(await master.Client.ListGridsAsync());
    }
}
