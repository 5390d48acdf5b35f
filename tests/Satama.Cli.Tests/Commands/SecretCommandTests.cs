using Microsoft.Extensions.Logging;
using Satama.Master;
using Satama.Testing;

namespace Satama.Cli.Tests.Commands;

/// <summary>The secret commands against a real master in this process.</summary>
public sealed class SecretCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("satama-cli-vault-");
    private readonly CliRun _cli = new();
    private MasterServer _master = null!;

    public async Task InitializeAsync()
    {
        _master = await MasterServer.StartAsync(new MasterOptions { DataDir = _data.Path, Listen = ["https://127.0.0.1:0"], MinimumLogLevel = LogLevel.Warning });
        Assert.Equal(0, (await _cli.RunAsync("login", _master.Url.ToString(), "--token", _master.AdminToken, "--ca-fingerprint", _master.CaFingerprint)).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("grid", "create", "default")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _master.DisposeAsync();
        _cli.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Write_from_standard_input_read_update_from_a_file_ls_and_rm()
    {
        _cli.Input = "piped-value\n";
        var write = await _cli.RunAsync("secret", "write", "DB_PASSWORD");
        var read = await _cli.RunAsync("secret", "read", "DB_PASSWORD");
        var file = Path.Combine(_cli.Home, "new.txt");
        await File.WriteAllTextAsync(file, "from-file");
        var update = await _cli.RunAsync("secret", "update", "DB_PASSWORD", "--file", file);
        var ls = await _cli.RunAsync("secret", "ls", "--output", "json");
        var rm = await _cli.RunAsync("secret", "rm", "DB_PASSWORD");

        Assert.Equal(0, write.ExitCode);
        Assert.DoesNotContain("piped-value", write.Out);
        Assert.Equal("piped-value\n", read.Out);
        Assert.Contains("version 2", update.Out);
        Assert.Contains("\"name\": \"DB_PASSWORD\"", ls.Out);
        Assert.DoesNotContain("from-file", ls.Out);
        Assert.Equal(0, rm.ExitCode);
        Assert.Equal("[]", (await _cli.RunAsync("secret", "ls", "-o", "json")).Out.Trim());
    }

    [Fact]
    public async Task Mistakes_are_one_line_errors_that_never_echo_the_value()
    {
        var both = await _cli.RunAsync("secret", "write", "x", "--value", "hunter2", "--file", "/nonexistent");
        await _cli.RunAsync("secret", "write", "dup", "--value", "hunter2");
        var duplicate = await _cli.RunAsync("secret", "write", "dup", "--value", "hunter2");
        var unknown = await _cli.RunAsync("secret", "read", "nope");

        Assert.Equal(2, both.ExitCode);
        Assert.Equal(["error: give the value with --value or --file, not both"], both.ErrorLines);
        Assert.Equal(1, duplicate.ExitCode);
        Assert.DoesNotContain("hunter2", duplicate.Error);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("secrets in grid 'default': dup", unknown.Error);
    }

    [Fact]
    public async Task A_service_uses_secrets_from_create_to_show_ls_update_and_a_refused_rm()
    {
        await _cli.RunAsync("secret", "write", "pw", "--value", "hunter2");

        var create = await _cli.RunAsync("service", "create", "app", "--image", "busybox", "--secret", "pw:env:PW", "--secret", "pw");
        var show = await _cli.RunAsync("service", "show", "app");
        var ls = await _cli.RunAsync("secret", "ls");
        var update = await _cli.RunAsync("secret", "update", "pw", "--value", "hunter3");
        var rm = await _cli.RunAsync("secret", "rm", "pw");
        var missing = await _cli.RunAsync("service", "create", "other", "--image", "busybox", "--secret", "nope:env");
        var badType = await _cli.RunAsync("service", "create", "other", "--image", "busybox", "--secret", "pw:volume");

        Assert.Equal(0, create.ExitCode);
        Assert.Contains("Secrets:   pw (env PW), pw (file /run/secrets/pw, 0400)", show.Out);
        Assert.Contains("null/app", ls.Out);
        Assert.Contains("updated to version 2; redeploying null/app", update.Out);
        Assert.Equal(1, rm.ExitCode);
        Assert.Contains("secret 'pw' is used by service null/app", rm.Error);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("vault secret 'nope', which does not exist in grid 'default'; secrets: pw", missing.Error);
        Assert.Equal(2, badType.ExitCode);
        Assert.Contains("must be env or file, not 'volume'", badType.Error);
        Assert.All([create, show, ls, update, rm, missing, badType], r => Assert.DoesNotContain("hunter", r.Out + r.Error, StringComparison.Ordinal));
    }
}
