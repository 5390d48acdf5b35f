using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;

namespace Satama.Master.Tests.Auth;

/// <summary>No token outlives the token that made it; an absolute expiry is held to the same cap as a lifetime.</summary>
public sealed class TokenExpiryCapTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task A_token_made_by_an_expiring_token_expires_no_later_than_it_and_the_answer_says_so()
    {
        var (name, creator) = await UserWithExpiringTokenAsync("1d");
        using var client = Master.ClientWithToken(creator.Value);
        var limit = creator.Token.Expires!.Value;

        var longer = await client.CreateTokenAsync(new TokenCreateRequest("longer", Expires: "30d"));
        var forever = await client.CreateTokenAsync(new TokenCreateRequest("forever"));
        var shorter = await client.CreateTokenAsync(new TokenCreateRequest("shorter", Expires: "1h"));

        Assert.Equal(limit, longer.Token.Expires);
        Assert.True(longer.ExpiryCapped);
        Assert.Equal(limit, forever.Token.Expires);
        Assert.True(forever.ExpiryCapped);
        Assert.True(shorter.Token.Expires < limit);
        Assert.False(shorter.ExpiryCapped);
        Assert.All((await Master.Client.ListTokensAsync(name)).Where(t => t.Name != "token"), t => Assert.True(t.Expires <= limit, $"{t.Name} expires {t.Expires}"));
    }

    [Fact]
    public async Task An_expiring_admin_token_caps_the_tokens_it_issues_to_other_users_and_a_new_user_s_first_token()
    {
        var (admin, creator) = await UserWithExpiringTokenAsync("2d");
        await Master.Client.GrantRoleAsync(admin, Roles.MasterAdmin, null);
        using var client = Master.ClientWithToken(creator.Value);
        var limit = creator.Token.Expires!.Value;

        var user = await client.CreateUserAsync(UniqueNames.Next("u"));
        var issued = await client.CreateTokenAsync(new TokenCreateRequest("for-ci"), user.User.Name);

        Assert.Equal(limit, user.Token.Token.Expires);
        Assert.True(user.Token.ExpiryCapped);
        Assert.Equal(limit, issued.Token.Expires);
    }

    [Fact]
    public async Task A_token_without_an_expiry_makes_tokens_as_asked()
    {
        var forever = await Master.Client.CreateTokenAsync(new TokenCreateRequest("forever"));
        var dated = await Master.Client.CreateTokenAsync(new TokenCreateRequest("dated", Expires: "90d"));

        Assert.Null(forever.Token.Expires);
        Assert.False(forever.ExpiryCapped);
        Assert.False(dated.ExpiryCapped);
        Assert.NotNull(dated.Token.Expires);
    }

    [Theory]
    [InlineData("9999-12-31T00:00:00Z", "more than 3650 days from now")]
    [InlineData("2001-01-01T00:00:00Z", "in the past")]
    public async Task An_absolute_expiry_beyond_the_cap_or_in_the_past_is_a_400(string expires, string reason)
    {
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.CreateTokenAsync(new TokenCreateRequest("t", Expires: expires)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(reason, error.Detail);
    }

    private async Task<(string User, TokenCreatedDto Token)> UserWithExpiringTokenAsync(string lifetime)
    {
        var name = UniqueNames.Next("u");
        await Master.Client.CreateUserAsync(name);
        return (name, await Master.Client.CreateTokenAsync(new TokenCreateRequest("short", Expires: lifetime), name));
    }
}
