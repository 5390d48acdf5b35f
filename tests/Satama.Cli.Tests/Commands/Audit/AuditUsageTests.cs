using Satama.Cli.Commands.Audit;

namespace Satama.Cli.Tests.Commands.Audit;

public sealed class AuditUsageTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Audit_ls_reports_every_bad_filter_at_once_before_calling_the_master()
    {
        var result = await _cli.RunAsync("audit", "ls", "--grid", "Bad_Grid", "--since", "yesterday", "--limit", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
        [
            "error: grid name 'Bad_Grid' is invalid: use lower-case letters, digits and '-', starting and ending with a letter or digit",
            "error: --since 'yesterday' is not a time (2026-01-31T12:00:00Z, 2026-01-31) or an age (90s, 30m, 2h, 7d)",
            "error: --limit must be from 1 to 10000, not 0",
        ], result.ErrorLines);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("audit", "ls", "--limit", "lots")]
    [InlineData("audit", "ls", "--output", "xml")]
    [InlineData("audit", "verify", "extra")]
    [InlineData("audit", "explode")]
    [InlineData("audit", "ls", "--frobnicate")]
    public async Task Audit_command_line_mistakes_exit_2_with_one_error_line(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_without_a_master_says_how_to_get_one()
    {
        var result = await _cli.RunAsync("audit", "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no master selected", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_help_lists_ls_and_verify()
    {
        var result = await _cli.RunAsync("audit", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ls", result.Out, StringComparison.Ordinal);
        Assert.Contains("verify", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30m", "2026-01-31T11:30:00+00:00")]
    [InlineData("2h", "2026-01-31T10:00:00+00:00")]
    [InlineData("7d", "2026-01-24T12:00:00+00:00")]
    [InlineData("90s", "2026-01-31T11:58:30+00:00")]
    [InlineData("2026-01-30T08:00:00Z", "2026-01-30T08:00:00+00:00")]
    [InlineData("2026-01-30", "2026-01-30T00:00:00+00:00")]
    [InlineData("2026-01-30T10:00:00+02:00", "2026-01-30T08:00:00+00:00")]
    public void Since_takes_a_time_or_an_age(string text, string expected)
    {
        var now = new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

        var since = SinceTime.Parse(text, now);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), since);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("5w")]
    [InlineData("-5m")]
    [InlineData("")]
    public void Since_refuses_anything_else(string text) =>
        Assert.Null(SinceTime.Parse(text, DateTimeOffset.UnixEpoch));
}
