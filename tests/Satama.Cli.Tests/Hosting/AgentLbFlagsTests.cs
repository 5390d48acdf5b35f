namespace Satama.Cli.Tests.Hosting;

/// <summary>The agent's load balancer flags are checked before anything starts.</summary>
public sealed class AgentLbFlagsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Bad_load_balancer_flags_are_each_named()
    {
        var result = await _cli.RunAsync("agent", "start", "--master", "https://127.0.0.1:1", "--grid-token", "t", "--name", "n1",
            "--lb-address", "nowhere", "--lb-http-port", "8080", "--lb-https-port", "8080", "--lb-metrics-port", "70000");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
        [
            "error: --lb-address 'nowhere' is not an IP address",
            "error: --lb-metrics-port 70000 is not a port (0-65535)",
            "error: --lb-http-port and --lb-https-port are both 8080",
        ], result.ErrorLines);
    }
}
