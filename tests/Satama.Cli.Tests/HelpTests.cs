using System.Runtime.CompilerServices;

namespace Satama.Cli.Tests;

public sealed class HelpTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Root_help_matches_the_golden_file()
    {
        var result = await _cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        var actual = string.Join("\n", result.OutLines).TrimEnd() + "\n";
        var golden = GoldenPath("root-help.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(golden, actual);
        }
        Assert.Equal(await File.ReadAllTextAsync(golden), actual);
    }

    [Theory]
    [InlineData("service", "create", "--help")]
    [InlineData("container", "exec", "--help")]
    [InlineData("up", "--help")]
    public async Task Command_help_exits_0(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("USAGE:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var result = await _cli.RunAsync("version", "-o", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"version\": \"0.1.0\"", result.Out, StringComparison.Ordinal);
    }

    // Golden files live beside the source (not the build output), so UPDATE_GOLDEN=1 rewrites them in place.
    private static string GoldenPath(string name, [CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden", name);
}
