using Microsoft.Extensions.Logging;
using Satama.Client;
using Satama.Master;
using Satama.Testing;

namespace Satama.Cli.Tests.Commands;

/// <summary>satama grid update (host allowances) and what a grid_user sees when a stack asks for more, on a real master.</summary>
public sealed class GridUpdateCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("satama-cli-allow-");
    private readonly TempDirectory _dir = new("satama-cli-allow-stack-");
    private readonly CliRun _admin = new();
    private readonly CliRun _user = new();
    private MasterServer _master = null!;

    public async Task InitializeAsync()
    {
        _master = await MasterServer.StartAsync(new MasterOptions { DataDir = _data.Path, Listen = ["https://127.0.0.1:0"], MinimumLogLevel = LogLevel.Warning });
        Assert.Equal(0, (await _admin.RunAsync("login", _master.Url.ToString(), "--token", _master.AdminToken, "--ca-fingerprint", _master.CaFingerprint)).ExitCode);
        Assert.Equal(0, (await _admin.RunAsync("grid", "create", "default")).ExitCode);
        using var client = new SatamaClient(_master.Url, _master.AdminToken, _master.CaFingerprint);
        var user = await client.CreateUserAsync("dev");
        await client.GrantRoleAsync("dev", "grid_user", "default");
        Assert.Equal(0, (await _user.RunAsync("login", _master.Url.ToString(), "--token", user.Token.Value, "--ca-fingerprint", _master.CaFingerprint)).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _master.DisposeAsync();
        _admin.Dispose();
        _user.Dispose();
        _data.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Grid_update_allows_and_takes_back_and_grid_show_lists_the_allowances()
    {
        var allowed = await _admin.RunAsync("grid", "update", "default", "--allow-bind", "/srv/data/", "--allow", "privileged", "--allow", "cap_add:NET_ADMIN");
        var shown = await _admin.RunAsync("grid", "show", "default", "-o", "json");
        var taken = await _admin.RunAsync("grid", "update", "default", "--disallow", "privileged", "--disallow-bind", "/srv/data");

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("Grid default updated.", allowed.Out);
        Assert.Contains(allowed.OutLines, l => l.StartsWith("Allowed options", StringComparison.Ordinal) && l.EndsWith(" privileged, cap_add:NET_ADMIN", StringComparison.Ordinal));
        Assert.Contains(allowed.OutLines, l => l.StartsWith("Allowed binds", StringComparison.Ordinal) && l.EndsWith(" /srv/data", StringComparison.Ordinal));
        Assert.Contains("\"allowedBinds\": [\n    \"/srv/data\"\n  ]", shown.Out.Replace("\r", "", StringComparison.Ordinal));
        Assert.Equal(0, taken.ExitCode);
        Assert.Contains("cap_add:NET_ADMIN", taken.Out);
        Assert.Contains("(none: bind mounts need grid_admin)", taken.Out);
    }

    [Fact]
    public async Task Bad_allowances_are_all_reported_before_anything_is_sent()
    {
        var result = await _admin.RunAsync("grid", "update", "default", "--allow", "root", "--allow", "cap_add:CHOWN", "--allow-bind", "srv");
        var nothing = await _admin.RunAsync("grid", "update", "default");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("host-level option 'root' is unknown; options: privileged, pid:host", result.Error);
        Assert.Contains("cap_add:CHOWN needs no allowance", result.Error);
        Assert.Contains("bind path 'srv' is not an absolute path", result.Error);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("nothing to do", nothing.Error);
    }

    [Fact]
    public async Task A_grid_user_s_install_of_a_privileged_stack_fails_with_one_line_per_option_and_a_grid_admin_s_allowance_lets_it_through()
    {
        var file = Path.Combine(_dir.Path, "probe.yml");
        await File.WriteAllTextAsync(file, """
            name: probe
            services:
              probe:
                image: busybox
                privileged: true
                volumes: ["/var/run/docker.sock:/var/run/docker.sock"]
            """);

        var refused = await _user.RunAsync("stack", "install", file);
        var allowance = await _admin.RunAsync("grid", "update", "default", "--allow", "privileged", "--allow-bind", "/var/run/docker.sock");
        var installed = await _user.RunAsync("stack", "install", file);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("not allowed (403): user 'dev' may not ask for host-level options on grid 'default'", refused.ErrorLines[0]);
        Assert.Contains(refused.ErrorLines, l => l.Contains("probe.yml:5:17: services.probe.privileged:", StringComparison.Ordinal) && l.Contains("--allow privileged", StringComparison.Ordinal));
        Assert.Contains(refused.ErrorLines, l => l.Contains("probe.yml:6:15: services.probe.volumes[0]:", StringComparison.Ordinal) && l.Contains("--allow-bind /var/run/docker.sock", StringComparison.Ordinal));
        Assert.Equal(0, allowance.ExitCode);
        Assert.True(installed.ExitCode == 0, installed.ToString());
    }
}
