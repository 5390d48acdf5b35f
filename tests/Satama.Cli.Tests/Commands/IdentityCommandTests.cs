using System.Text.Json;
using Microsoft.Extensions.Logging;
using Satama.Master;
using Satama.Testing;

namespace Satama.Cli.Tests.Commands;

/// <summary>user, token and role commands against a real master in this process.</summary>
public sealed class IdentityCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("satama-cli-identity-");
    private readonly CliRun _admin = new();
    private readonly CliRun _alice = new();
    private MasterServer _master = null!;

    public async Task InitializeAsync()
    {
        _master = await MasterServer.StartAsync(new MasterOptions { DataDir = _data.Path, Listen = ["https://127.0.0.1:0"], MinimumLogLevel = LogLevel.Warning });
        Assert.Equal(0, (await _admin.RunAsync("login", _master.Url.ToString(), "--token", _master.AdminToken, "--ca-fingerprint", _master.CaFingerprint)).ExitCode);
        Assert.Equal(0, (await _admin.RunAsync("grid", "create", "default")).ExitCode);
    }

    public async Task DisposeAsync()
    {
        await _master.DisposeAsync();
        _admin.Dispose();
        _alice.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task The_first_start_made_admin_a_master_admin_whose_token_is_the_admin_token()
    {
        var users = await _admin.RunAsync("user", "ls");
        var whoami = await _admin.RunAsync("whoami");

        Assert.Equal(0, users.ExitCode);
        Assert.Contains("admin", users.Out);
        Assert.Contains("master_admin", users.Out);
        Assert.Contains("User:  admin", whoami.Out);
        Assert.Contains("Roles: master_admin", whoami.Out);
    }

    [Fact]
    public async Task A_new_user_gets_a_token_once_and_can_do_only_what_its_roles_allow()
    {
        var added = await _admin.RunAsync("user", "add", "alice");
        var token = added.Out.Split('\n')[1].Trim();
        await LoginAsync(_alice, token);

        var grids = await _alice.RunAsync("grid", "ls");
        var denied = await _alice.RunAsync("service", "ls");
        var grant = await _admin.RunAsync("role", "grant", "alice", "viewer", "--grid", "default");
        var allowed = await _alice.RunAsync("service", "ls");
        var roles = await _admin.RunAsync("role", "ls");
        var gridRoles = await _admin.RunAsync("role", "ls", "--grid", "default", "-o", "json");
        var stillDenied = await _alice.RunAsync("secret", "read", "X");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("shown only now", added.Out);
        Assert.Equal(0, grids.ExitCode);
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("needs viewer on grid 'default'", denied.Error);
        Assert.Equal(0, grant.ExitCode);
        Assert.Contains("viewer@default", grant.Out);
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("alice", roles.Out);
        Assert.Contains("\"role\": \"viewer\"", gridRoles.Out);
        Assert.Contains("needs grid_admin", stillDenied.Error);

        var revoke = await _admin.RunAsync("role", "revoke", "alice", "viewer", "--grid", "default");
        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(1, (await _alice.RunAsync("service", "ls")).ExitCode);

        var removed = await _admin.RunAsync("user", "rm", "alice");
        var afterRemoval = await _alice.RunAsync("grid", "ls");
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, afterRemoval.ExitCode);
        Assert.Contains("invalid bearer token", afterRemoval.Error);
    }

    [Fact]
    public async Task Token_create_ls_and_revoke_never_show_a_value_twice()
    {
        var created = await _admin.RunAsync("token", "create", "--name", "ci", "--role", "viewer", "--expires", "90d", "-o", "json");
        using var json = JsonDocument.Parse(created.Out);
        var value = json.RootElement.GetProperty("value").GetString()!;
        var id = json.RootElement.GetProperty("token").GetProperty("id").GetString()!;
        await LoginAsync(_alice, value);
        var ls = await _admin.RunAsync("token", "ls");
        var readOnly = await _alice.RunAsync("grid", "create", "nope");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal("viewer", json.RootElement.GetProperty("token").GetProperty("role").GetString());
        Assert.Contains(id, ls.Out);
        Assert.Contains("ci", ls.Out);
        Assert.DoesNotContain(value, ls.Out);
        Assert.Equal(1, readOnly.ExitCode);
        Assert.Contains("limited to viewer", readOnly.Error);

        var revoked = await _admin.RunAsync("token", "revoke", id);
        var after = await _alice.RunAsync("grid", "ls");
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(1, after.ExitCode);
        Assert.DoesNotContain(id, (await _admin.RunAsync("token", "ls")).Out);
    }

    [Fact]
    public async Task Bad_arguments_are_usage_errors_and_unknown_names_list_what_exists()
    {
        var role = await _admin.RunAsync("role", "grant", "alice", "overlord");
        var masterWithGrid = await _admin.RunAsync("role", "grant", "alice", "master_admin", "--grid", "default");
        var expires = await _admin.RunAsync("token", "create", "--expires", "soon");
        var badName = await _admin.RunAsync("user", "add", "Bad_Name");
        var unknownUser = await _admin.RunAsync("role", "grant", "nobody", "viewer");
        var lastAdmin = await _admin.RunAsync("user", "rm", "admin");

        Assert.Equal(2, role.ExitCode);
        Assert.Contains("role 'overlord' is unknown", role.Error);
        Assert.Equal(2, masterWithGrid.ExitCode);
        Assert.Equal(2, expires.ExitCode);
        Assert.Contains("expires 'soon'", expires.Error);
        Assert.Equal(2, badName.ExitCode);
        Assert.Equal(1, unknownUser.ExitCode);
        Assert.Contains("user 'nobody' not found; users: admin", unknownUser.Error);
        Assert.Equal(1, lastAdmin.ExitCode);
        Assert.Contains("last master_admin", lastAdmin.Error);
    }

    private async Task LoginAsync(CliRun cli, string token)
    {
        var login = await cli.RunAsync("login", _master.Url.ToString(), "--token", token, "--ca-fingerprint", _master.CaFingerprint);
        Assert.True(login.ExitCode == 0, login.Error);
    }
}
