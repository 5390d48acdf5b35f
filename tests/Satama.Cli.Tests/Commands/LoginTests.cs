using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Satama.Client.Dtos;

namespace Satama.Cli.Tests.Commands;

public sealed class LoginTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Login_where_nothing_listens_says_it_cannot_reach_the_url_quickly()
    {
        var port = FreePort();
        var clock = Stopwatch.StartNew();

        var result = await _cli.RunAsync("login", $"https://127.0.0.1:{port}", "--token", "t");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"error: cannot reach the master at https://127.0.0.1:{port}: connection refused (is the master running?)"], result.ErrorLines);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.False(File.Exists(_cli.ConfigPath));
    }

    [Fact]
    public async Task Login_without_fingerprint_trusts_on_first_use_and_writes_a_0600_context()
    {
        await using var stub = await StubMaster.StartAsync();
        stub.Grids.Add(new GridDto("prod", "10.1.0.0/16", 0, 0, DateTimeOffset.UnixEpoch));

        var result = await _cli.RunAsync("login", stub.Url.ToString(), "--token", StubMaster.Token, "--name", "stub");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([$"warning: trusting on first use: {Show(stub)} presented CA fingerprint {stub.CaFingerprint}; compare it with the one the master printed at start"], result.ErrorLines);
        Assert.Equal($"Logged in to {Show(stub)} (satama 0.1.0) as context 'stub', grid 'prod'.\n", result.Out);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_cli.ConfigPath));
        var config = await File.ReadAllTextAsync(_cli.ConfigPath);
        Assert.Contains("current: stub", config, StringComparison.Ordinal);
        Assert.Contains($"caFingerprint: {stub.CaFingerprint}", config, StringComparison.Ordinal);
        Assert.Contains($"token: {StubMaster.Token}", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_with_the_wrong_fingerprint_fails_on_tls()
    {
        await using var stub = await StubMaster.StartAsync();

        var result = await _cli.RunAsync("login", stub.Url.ToString(), "--token", StubMaster.Token, "--ca-fingerprint", new string('a', 64));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"error: cannot reach the master at {Show(stub)}: TLS failed: its certificate does not match the pinned CA fingerprint (log in again with the right --ca-fingerprint)"], result.ErrorLines);
    }

    [Fact]
    public async Task Login_with_a_bad_token_says_how_to_log_in()
    {
        await using var stub = await StubMaster.StartAsync();

        var result = await _cli.RunAsync("login", stub.Url.ToString(), "--token", "wrong", "--ca-fingerprint", stub.CaFingerprint);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: the master at {Show(stub)} did not accept the token (401): log in with 'satama login {Show(stub)} --token TOKEN'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_with_a_malformed_fingerprint_is_a_usage_error()
    {
        var result = await _cli.RunAsync("login", "https://127.0.0.1:7443", "--token", "t", "--ca-fingerprint", "xyz");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: --ca-fingerprint 'xyz' is not a SHA-256 fingerprint (64 hex digits)"], result.ErrorLines);
    }

    [Fact]
    public async Task Contexts_can_be_listed_switched_and_removed()
    {
        await using var stub = await StubMaster.StartAsync();
        await _cli.RunAsync("login", stub.Url.ToString(), "--token", StubMaster.Token, "--ca-fingerprint", stub.CaFingerprint, "--name", "one");
        await _cli.RunAsync("login", stub.Url.ToString(), "--token", StubMaster.Token, "--ca-fingerprint", stub.CaFingerprint, "--name", "two");

        var use = await _cli.RunAsync("context", "use", "one");
        var ls = await _cli.RunAsync("context", "ls");
        var rm = await _cli.RunAsync("context", "rm", "two");
        var json = await _cli.RunAsync("context", "ls", "-o", "json");

        Assert.Equal(0, use.ExitCode);
        Assert.Equal(
        [
            $"CURRENT   NAME   {"URL".PadRight(Show(stub).Length)}   GRID",
            $"*         one    {Show(stub)}   default",
            $"          two    {Show(stub)}   default",
            "",
        ], ls.OutLines);
        Assert.Equal(0, rm.ExitCode);
        Assert.DoesNotContain("two", json.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(StubMaster.Token, json.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_option_picks_a_master_for_one_command()
    {
        await using var stub = await StubMaster.StartAsync();
        await _cli.RunAsync("login", stub.Url.ToString(), "--token", StubMaster.Token, "--ca-fingerprint", stub.CaFingerprint, "--name", "real");
        await _cli.RunAsync("login", stub.Url.ToString(), "--token", StubMaster.Token, "--ca-fingerprint", stub.CaFingerprint, "--name", "other");
        await File.WriteAllTextAsync(_cli.ConfigPath, (await File.ReadAllTextAsync(_cli.ConfigPath)).Replace("current: other", "current: nowhere", StringComparison.Ordinal));

        var picked = await _cli.RunAsync("grid", "ls", "--context", "real");
        var unknown = await _cli.RunAsync("grid", "ls", "--context", "prod");

        Assert.Equal(0, picked.ExitCode);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(["error: context 'prod' not found; contexts: real, other"], unknown.ErrorLines);
    }

    internal static string Show(StubMaster stub) => stub.Url.ToString().TrimEnd('/');

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
