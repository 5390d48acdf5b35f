using Satama.Core.Model;

namespace Satama.Cli.Tests.Commands.Service;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("sleep 3600", new[] { "sleep", "3600" })]
    [InlineData("  sh   -c  'echo hi'  ", new[] { "sh", "-c", "echo hi" })]
    [InlineData("echo \"a \\\"quoted\\\" word\"", new[] { "echo", "a \"quoted\" word" })]
    [InlineData("echo ''", new[] { "echo", "" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("x'y z'w", new[] { "xy zw" })]
    public void Splits_like_a_shell(string text, string[] expected)
    {
        var words = ShellWords.Split(text, out var error);

        Assert.Null(error);
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData("sh -c 'echo", "'")]
    [InlineData("echo \"hi", "\"")]
    public void Reports_an_unterminated_quote(string text, string quote)
    {
        ShellWords.Split(text, out var error);

        Assert.Equal($"unterminated {quote} quote", error);
    }
}
