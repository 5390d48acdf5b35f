using Microsoft.Extensions.Logging;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master;
using Satama.Testing;

namespace Satama.Cli.Tests.Stacks;

/// <summary>The stack commands against a real master in this process (no agent: instances stay pending).</summary>
public sealed class StackCommandTests : IAsyncLifetime
{
    private const string Shop = """
        name: shop
        services:
          web:
            image: busybox
            command: httpd -f -p 8080 -h /www
            instances: 2
            env_file: web.env
            depends_on: [api]
          api:
            image: busybox
            environment:
              MODE: ${MODE:-prod}
        """;

    private readonly CliRun _cli = new();
    private readonly TempDirectory _data = new("satama-cli-master-");
    private readonly TempDirectory _dir = new("satama-cli-stack-");
    private MasterServer _master = null!;
    private SatamaClient _client = null!;

    public async Task InitializeAsync()
    {
        _master = await MasterServer.StartAsync(new MasterOptions
        {
            DataDir = _data.Path,
            Listen = ["https://127.0.0.1:0"],
            MinimumLogLevel = LogLevel.Warning,
        });
        _client = new SatamaClient(_master.Url, _master.AdminToken, _master.CaFingerprint);
        await _client.CreateGridAsync(new GridCreateRequest("default"));
        var login = await _cli.RunAsync("login", _master.Url.ToString(), "--token", _master.AdminToken, "--ca-fingerprint", _master.CaFingerprint);
        Assert.Equal(0, login.ExitCode);
        Write("web.env", "GREETING=hello\n");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _master.DisposeAsync();
        _data.Dispose();
        _dir.Dispose();
        _cli.Dispose();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Install_show_ls_upgrade_diff_history_rollback_and_rm()
    {
        var file = Write("satama.yml", Shop);

        var install = await _cli.RunAsync("stack", "install", file);
        var show = await _cli.RunAsync("stack", "show", "shop");
        var ls = await _cli.RunAsync("stack", "ls");
        _cli.SetVariable("MODE", "canary");
        var diff = await _cli.RunAsync("stack", "diff", "shop", file);
        var upgrade = await _cli.RunAsync("stack", "upgrade", "shop", file);
        var same = await _cli.RunAsync("stack", "diff", "shop", file);
        var rollback = await _cli.RunAsync("stack", "rollback", "shop", "--revision", "1");
        var history = await _cli.RunAsync("stack", "history", "shop");
        var json = await _cli.RunAsync("stack", "show", "shop", "-o", "json");

        Assert.Equal(0, install.ExitCode);
        Assert.Equal($"Stack shop installed in grid default at revision 1: api, web.", install.OutLines[0]);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("State:       deploying", show.Out, StringComparison.Ordinal);
        Assert.Contains(show.OutLines, l => l.StartsWith("web       busybox:latest   0/2         deploying   1", StringComparison.Ordinal));
        Assert.Contains(show.OutLines, l => l.StartsWith("api       busybox:latest   0/1         deploying   1", StringComparison.Ordinal));
        Assert.Contains("web-1: no node online", show.Out, StringComparison.Ordinal);
        Assert.Equal("NAME   SERVICES   INSTANCES   STATE       REVISION   UPDATED", ls.OutLines[0]);
        Assert.StartsWith("shop   2          0/3         deploying   1", ls.OutLines[1], StringComparison.Ordinal);
        Assert.Equal(0, diff.ExitCode);
        Assert.Equal(["Upgrading stack shop (revision 1) to " + file + " would:", "~ api: env (redeployed)", "  web (unchanged)", ""], diff.OutLines);
        Assert.Equal("Stack shop upgraded to revision 2: api redeployed (env); 1 unchanged.", upgrade.OutLines[0]);
        Assert.Equal("No changes: stack shop at revision 2 already runs this file.", same.OutLines[0]);
        Assert.Equal("Stack shop rolled back to revision 1 as revision 3: api redeployed (env); 1 unchanged.", rollback.OutLines[0]);
        Assert.StartsWith("REVISION   ACTION          CREATED", history.OutLines[0], StringComparison.Ordinal);
        Assert.Contains("rollback to 1", history.OutLines[3], StringComparison.Ordinal);
        Assert.Contains("\"revision\": 3", json.Out, StringComparison.Ordinal);
        var web = await _client.GetServiceAsync("default", "shop", "web");
        Assert.Equal(("hello", 1L), (web.Env["GREETING"], web.Revision));
        Assert.Equal("prod", (await _client.GetServiceAsync("default", "shop", "api")).Env["MODE"]);

        var rm = await _cli.RunAsync("stack", "rm", "shop");
        var after = await _cli.RunAsync("stack", "show", "shop");

        Assert.Equal(0, rm.ExitCode);
        Assert.Equal("Stack shop removed", rm.OutLines[0]);
        Assert.Empty(await _client.ListServicesAsync("default"));
        Assert.Equal(1, after.ExitCode);
        Assert.Equal(["error: stack 'shop' not found; there are no stacks in grid 'default'"], after.ErrorLines);
    }

    [Fact]
    public async Task A_file_with_errors_is_refused_here_and_nothing_reaches_the_master()
    {
        var file = Write("bad.yml", "name: bad\nservices:\n  web:\n    image: busybox\n    instances: many\n");

        var result = await _cli.RunAsync("stack", "install", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"error: {file}:5:16: services.web.instances: expected a whole number, not `many`"], result.ErrorLines);
        Assert.Empty(await _client.ListStacksAsync("default"));
    }

    [Fact]
    public async Task The_master_refusal_is_one_error_line_per_problem()
    {
        var file = Write("taken.yml", "name: taken\nservices:\n  web:\n    image: busybox\n");
        await _cli.RunAsync("stack", "install", file);

        var again = await _cli.RunAsync("stack", "install", file);
        var rollback = await _cli.RunAsync("stack", "rollback", "taken");

        Assert.Equal(1, again.ExitCode);
        Assert.Equal(["error: stack 'taken' already exists in grid 'default': change it with 'satama stack upgrade taken FILE', or install under another --name"],
            again.ErrorLines);
        Assert.Equal(1, rollback.ExitCode);
        Assert.Equal(["error: stack 'taken' has only revision 1: there is no earlier revision to roll back to"], rollback.ErrorLines);
    }

    [Fact]
    public async Task Generated_values_are_made_once_by_the_cli_and_kept_by_upgrades()
    {
        var file = Write("kontena.yml", """
            stack: gen
            variables:
              secret:
                type: string
                from:
                  random_string: 20
            services:
              db:
                image: busybox
                environment:
                  SECRET: ${secret}
            """);

        await _cli.RunAsync("stack", "install", file);
        var first = (await _client.GetServiceAsync("default", "gen", "db")).Env["SECRET"];
        var upgrade = await _cli.RunAsync("stack", "upgrade", "gen", file);

        Assert.Equal(20, first.Length);
        Assert.Equal("Stack gen upgraded to revision 2: 1 unchanged.", upgrade.OutLines[0]);
        Assert.Equal(first, (await _client.GetServiceAsync("default", "gen", "db")).Env["SECRET"]);
        Assert.DoesNotContain(first, upgrade.Out + upgrade.Error, StringComparison.Ordinal);
    }
}
