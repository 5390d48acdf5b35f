using Satama.Client.Dtos;

namespace Satama.Cli.Tests.Commands;

/// <summary>Commands against the in-test master: what they send and how they print.</summary>
public sealed class StubbedCommandTests() : StubbedCliTests(s_now)
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Grid_ls_prints_a_table_json_and_yaml()
    {
        Stub.Grids.Add(new GridDto("default", "10.81.0.0/16", 1, 2, s_now.AddHours(-3)));

        var table = await Cli.RunAsync("grid", "ls");
        var json = await Cli.RunAsync("grid", "ls", "--output", "json");
        var yaml = await Cli.RunAsync("grid", "ls", "-o", "yaml");

        Assert.Equal(
        [
            "NAME      SUBNET         NODES   SERVICES   CREATED",
            "default   10.81.0.0/16   1       2          3h ago",
            "",
        ], table.OutLines);
        Assert.Equal(
            """
            [
              {
                "name": "default",
                "subnet": "10.81.0.0/16",
                "nodes": 1,
                "services": 2,
                "created": "2026-11-25T05:00:00+00:00"
              }
            ]

            """, json.Out);
        Assert.Equal(
            """
            - name: default
              subnet: 10.81.0.0/16
              nodes: 1
              services: 2
              created: 2026-11-25T05:00:00+00:00

            """, yaml.Out);
    }

    [Fact]
    public async Task Node_ls_shows_status_labels_and_last_seen()
    {
        var info = new NodeInfoDto("20.10.24", "overlay2", "6.1", 2, 4L << 30, "Debian 12", "10.0.0.5", "0.1.0", "2", "json-file");
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", true, new Dictionary<string, string> { ["region"] = "eu", ["az"] = "a" }, 3, s_now.AddSeconds(-3), s_now, info));
        Stub.Nodes.Add(new NodeDto("n2", "node-2", "default", false, new Dictionary<string, string>(), 0, null, s_now, info));

        var result = await Cli.RunAsync("node", "ls");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
        [
            "NAME     STATUS    LABELS           CONTAINERS   LAST SEEN",
            "node-1   online    az=a,region=eu   3            3s ago",
            "node-2   offline   -                0            never",
            "",
        ], result.OutLines);
    }

    [Fact]
    public async Task Service_ls_shows_stack_name_running_over_desired_and_ports()
    {
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 3, running: 2) with { Ports = [new PortDto(8080, 80)] });
        Stub.Services.Add(StubMaster.Service("default", "shop", "api", "shop/api:1", 1, running: 1));

        var result = await Cli.RunAsync("service", "ls");

        Assert.Equal(
        [
            "NAME       IMAGE          INSTANCES   PORTS",
            "null/web   nginx:latest   2/3         8080:80/tcp",
            "shop/api   shop/api:1     1/1         -",
            "",
        ], result.OutLines);
    }

    [Fact]
    public async Task Service_show_of_an_unknown_service_prints_the_masters_404_detail()
    {
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 1));

        var result = await Cli.RunAsync("service", "show", "db");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: service 'null/db' not found; services: null/web"], result.ErrorLines);
    }

    [Fact]
    public async Task Service_show_lists_instances_and_problems()
    {
        var instances = new List<InstanceDto>
        {
            new("web-1", 1, "node-1", "0123456789abcdef", "running", 0, 1, null, null, s_now, "healthy"),
            new("web-2", 2, null, null, "pending", 0, 1, null, "no node has port 8080 free", null),
        };
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 2, running: 1) with { InstanceList = instances });

        var result = await Cli.RunAsync("service", "show", "null/web");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Name:      null/web", result.Out, StringComparison.Ordinal);
        Assert.Contains("Instances: 1/2 running", result.Out, StringComparison.Ordinal);
        Assert.Contains("INSTANCE   NODE     STATE     HEALTH    RESTARTS   CONTAINER\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("web-1      node-1   running   healthy   0          0123456789ab\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("web-2      -        pending   -         0          -\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("Problems:\n  web-2: no node has port 8080 free\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_create_sends_the_parsed_spec()
    {
        var result = await Cli.RunAsync("service", "create", "shop/web", "--image", "nginx", "--instances", "2",
            "--env", "A=1=2", "--port", "8080:80", "--cmd", "sh -c 'echo \"hi there\"'", "--restart", "on-failure");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Service shop/web created in grid default (2 instances).\nWatch it with: satama service show shop/web\n", result.Out);
        var (_, body) = Assert.Single(Stub.Received, r => r.Request == "POST /v1/grids/default/services");
        var request = System.Text.Json.JsonSerializer.Deserialize<ServiceCreateRequest>(body, Satama.Client.SatamaClient.Json)!;
        Assert.Equal("web", request.Name);
        Assert.Equal("shop", request.Stack);
        Assert.Equal(["sh", "-c", "echo \"hi there\""], request.Command);
        Assert.Equal("1=2", request.Env!["A"]);
        Assert.Equal(new PortDto(8080, 80, "tcp"), Assert.Single(request.Ports!));
        Assert.Equal("on-failure", request.Restart);
    }

    [Fact]
    public async Task Grid_option_overrides_the_contexts_grid()
    {
        await Cli.RunAsync("service", "ls", "--grid", "prod");

        Assert.Contains(Stub.Received, r => r.Request == "GET /v1/grids/prod/services");
    }

    [Fact]
    public async Task Scale_sends_the_count()
    {
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 1));

        var result = await Cli.RunAsync("service", "scale", "web", "0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Service null/web scaled to 0 (running 0).\n", result.Out);
    }

    [Fact]
    public async Task Exec_prints_output_and_exits_with_the_commands_code()
    {
        Stub.ExecResult = new ExecResultDto(3, "out\n", "err\n");

        var result = await Cli.RunAsync("container", "exec", "web-1", "--", "sh", "-c", "exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Out);
        Assert.Equal("err\n", result.Error);
        var (_, body) = Assert.Single(Stub.Received, r => r.Request == "POST /v1/grids/default/containers/web-1/exec");
        Assert.Contains("\"command\":[\"sh\",\"-c\",\"exit 3\"]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_passes_words_after_the_separator_untouched_even_a_lone_dash_and_options()
    {
        Stub.ExecResult = new ExecResultDto(0, "", "");

        var result = await Cli.RunAsync("container", "exec", "web-1", "--", "wget", "-q", "-O", "-", "--help", "--", "http://x/");

        Assert.Equal(0, result.ExitCode);
        var (_, body) = Assert.Single(Stub.Received, r => r.Request == "POST /v1/grids/default/containers/web-1/exec");
        Assert.Contains("\"command\":[\"wget\",\"-q\",\"-O\",\"-\",\"--help\",\"--\",\"http://x/\"]", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_logs_prints_the_streamed_lines()
    {
        Stub.LogLines.AddRange(["web-1 | hello", "web-2 | world"]);

        var result = await Cli.RunAsync("service", "logs", "web", "--tail", "5");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("web-1 | hello\nweb-2 | world\n", result.Out);
        Assert.Contains(Stub.Received, r => r.Request == "GET /v1/grids/default/stacks/null/services/web/logs?follow=false&tail=5");
    }

    [Fact]
    public async Task Node_label_sends_set_and_remove()
    {
        var info = new NodeInfoDto("20.10.24", "overlay2", "6.1", 2, 4L << 30, "Debian 12", "10.0.0.5", "0.1.0", "2", "json-file");
        Stub.Nodes.Add(new NodeDto("n1", "node-1", "default", true, new Dictionary<string, string>(), 0, s_now, s_now, info));

        var result = await Cli.RunAsync("node", "label", "node-1", "region=eu", "--remove", "az");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Node node-1 labels: region=eu\n", result.Out);
        var (_, body) = Assert.Single(Stub.Received, r => r.Request == "PATCH /v1/grids/default/nodes/node-1/labels");
        Assert.Equal("{\"set\":{\"region\":\"eu\"},\"remove\":[\"az\"]}", body);
    }

    [Fact]
    public async Task Yaml_quotes_a_stack_named_null()
    {
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 1));

        var result = await Cli.RunAsync("service", "ls", "-o", "yaml");

        Assert.Contains("  stack: \"null\"\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_with_wait_returns_once_every_instance_runs()
    {
        var running = new List<InstanceDto>
        {
            new("web-1", 1, "node-1", "c1", "running", 0, 1, null, null, s_now, "healthy"),
            new("web-2", 2, "node-1", "c2", "running", 0, 1, null, null, s_now, "healthy"),
        };
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 2, running: 2) with { InstanceList = running });

        var result = await Cli.RunAsync("service", "create", "web", "--image", "nginx", "--instances", "2", "--wait");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Service null/web created in grid default (2 instances, running).\n", result.Out);
    }

    [Fact]
    public async Task Wait_gives_up_after_the_timeout_with_the_problems()
    {
        var pending = new List<InstanceDto> { new("web-1", 1, null, null, "pending", 0, 1, null, "no node online", null) };
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 1) with { InstanceList = pending });

        var result = await Cli.RunAsync("service", "scale", "web", "1", "--wait", "--timeout", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            "null/web [....................] 0/1 healthy at revision 1",
            "error: null/web is not ready after 1 s (0/1 healthy at revision 1)",
            "error: web-1: no node online",
        ], result.ErrorLines);
    }

    [Fact]
    public async Task Logs_follow_ends_quietly_with_0_on_ctrl_c()
    {
        Stub.LogLines.Add("web-1 | first");
        Stub.FollowForever = true;
        // Generous, so the first line arrives first even on a loaded machine; Ctrl-C comes after.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(4));

        var result = await Cli.RunAsync(["container", "logs", "web-1", "--follow"], cts.Token);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("web-1 | first\n", result.Out);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Login_to_a_server_that_is_not_a_master_says_so()
    {
        Stub.NotAMaster = true;

        var result = await Cli.RunAsync("login", Stub.Url.ToString(), "--token", StubMaster.Token, "--ca-fingerprint", Stub.CaFingerprint);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"error: {LoginTests.Show(Stub)} does not look like a Satama master (GET /v1/info answered 404)"], result.ErrorLines);
    }

    [Fact]
    public async Task A_master_that_never_answers_times_out_with_a_clear_error()
    {
        Stub.Hang = true;
        Cli.RequestTimeout = TimeSpan.FromSeconds(1);

        var result = await Cli.RunAsync("grid", "ls");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"error: the master at {LoginTests.Show(Stub)} did not answer in time"], result.ErrorLines);
    }
}
