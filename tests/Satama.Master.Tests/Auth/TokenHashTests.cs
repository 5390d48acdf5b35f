using Satama.Master.Auth;

namespace Satama.Master.Tests.Auth;

public sealed class TokenHashTests
{
    [Fact]
    public void Tokens_never_start_like_a_command_line_option()
    {
        // 1 in 32 base64url tokens would start with '-' or '_'; 2000 draws find that case with near certainty.
        var tokens = Enumerable.Range(0, 2000).Select(_ => TokenHash.NewToken()).ToList();

        Assert.All(tokens, t => Assert.True(char.IsAsciiLetterOrDigit(t[0]), t));
        Assert.All(tokens, t => Assert.True(t.Length >= 43, t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public void A_token_is_stored_as_its_sha256() =>
        Assert.Equal("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", TokenHash.Of("test"));
}
