using Satama.Testing;
using Spectre.Console.Testing;

namespace Satama.Cli.Tests;

public sealed class SatamaAppTests
{
    [Fact]
    public async Task Create_with_a_console_an_error_writer_and_a_config_path_runs_a_command()
    {
        using var home = new TempDirectory();
        var console = new TestConsole();
        using var error = new StringWriter();

        var exitCode = await SatamaApp.Create(console, error, Path.Combine(home.Path, "config.yaml")).RunAsync(["context", "ls"]);

        Assert.Equal(0, exitCode);
        Assert.Equal("No contexts. Run 'satama up' or 'satama login URL --token TOKEN'.\n", console.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("", error.ToString());
    }
}
