using System.Runtime.CompilerServices;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;
using Satama.Testing.Processes;

namespace Satama.E2E.Stacks;

/// <summary>The satama CLI as a process: stack install --wait shows progress and succeeds, or fails with the reason.</summary>
[Collection(EngineCollection.Name)]
public sealed class StackCliWaitTests(MasterProcess master) : IDisposable
{
    private readonly TempDirectory _home = new("satama-e2e-cli-");

    public void Dispose() => _home.Dispose();

    [Fact]
    public async Task Install_wait_returns_when_every_instance_runs_and_fails_with_the_reason_otherwise()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var login = await SatamaAsync("login", master.Url.ToString(), "--token", master.AdminToken, "--ca-fingerprint", master.CaFingerprint);
        login.EnsureSuccess("satama login");

        var installed = await SatamaAsync("stack", "install", SourcePath("shop.yml"), "--grid", agent.Grid, "--wait", "--timeout", "180");
        var crashing = await SatamaAsync("stack", "install", SourcePath("crashing.yml"), "--grid", agent.Grid, "--wait", "--timeout", "15");
        var removed = await SatamaAsync("stack", "rm", "shop", "--grid", agent.Grid);
        await SatamaAsync("stack", "rm", "crashing", "--grid", agent.Grid);

        Assert.True(installed.ExitCode == 0, installed.Stderr);
        Assert.StartsWith($"Stack shop installed in grid {agent.Grid} at revision 1, running: worker, api, web.", installed.Stdout, StringComparison.Ordinal);
        Assert.Contains("shop: ", installed.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, crashing.ExitCode);
        Assert.Contains("error: stack crashing is not running after 15 s (0/1 instances running)", crashing.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: job-1: exited with code 3", crashing.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, removed.ExitCode);
    }

    private Task<Shell.Result> SatamaAsync(params string[] args) =>
        Shell.RunAsync("dotnet", [SatamaBinary.DllPath, .. args], timeout: TimeSpan.FromMinutes(5),
            env: new Dictionary<string, string> { ["SATAMA_CONFIG"] = Path.Combine(_home.Path, "config.yaml"), ["HOME"] = _home.Path });

    private static string SourcePath(string name, [CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, name);
}
