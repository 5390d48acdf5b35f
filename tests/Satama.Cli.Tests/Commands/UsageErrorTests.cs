namespace Satama.Cli.Tests.Commands;

public sealed class UsageErrorTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Service_create_reports_every_problem_at_once_before_calling_the_master()
    {
        var result = await _cli.RunAsync("service", "create", "x", "--image", "BAD IMAGE", "--port", "99999:1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
        [
            "error: invalid image reference 'BAD IMAGE': expected [registry/]name[:tag][@digest] with a lower-case name",
            "error: port '99999:1' is not HOST:CONTAINER with ports from 1 to 65535 (e.g. 8080:80)",
        ], result.ErrorLines);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Service_create_checks_names_env_restart_cmd_and_duplicate_ports()
    {
        var result = await _cli.RunAsync("service", "create", "Shop/Web_1", "--image", "nginx", "--env", "NOEQUALS",
            "--port", "80:80", "--port", "80:81", "--restart", "sometimes", "--cmd", "sh -c 'echo", "--instances", "1001");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
        [
            "error: stack name 'Shop' is invalid: use lower-case letters, digits and '-', starting and ending with a letter or digit",
            "error: service name 'Web_1' is invalid: use lower-case letters, digits and '-', starting and ending with a letter or digit",
            "error: instances must be from 0 to 1000, not 1001",
            "error: host port 80/tcp is published more than once",
            "error: --env 'NOEQUALS' is not KEY=VALUE",
            "error: --cmd has an unterminated ' quote",
            "error: --restart 'sometimes' is not one of: always, on-failure, no",
        ], result.ErrorLines);
    }

    [Fact]
    public async Task Unknown_command_is_one_line_with_a_help_hint()
    {
        var result = await _cli.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: unknown command 'frobnicate' (see 'satama --help')"], result.ErrorLines);
    }

    [Fact]
    public async Task Unknown_subcommand_points_at_the_branch_help()
    {
        var result = await _cli.RunAsync("service", "explode");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: unknown command 'explode' (see 'satama service --help')"], result.ErrorLines);
    }

    [Fact]
    public async Task Missing_required_argument_names_it()
    {
        var result = await _cli.RunAsync("service", "create");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: command 'create' is missing required argument 'NAME' (see 'satama service create --help')"], result.ErrorLines);
    }

    [Fact]
    public async Task Missing_required_option_names_it()
    {
        var result = await _cli.RunAsync("service", "create", "web");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("--image", line, StringComparison.Ordinal);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("two")]
    [InlineData("1001")]
    public async Task Scale_to_a_negative_or_bad_number_is_a_clear_error(string instances)
    {
        var result = await _cli.RunAsync("service", "scale", "web", instances);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"error: instances must be a whole number from 0 to 1000, not '{instances}'"], result.ErrorLines);
    }

    [Fact]
    public async Task Exec_without_double_dash_explains_the_form()
    {
        var result = await _cli.RunAsync("container", "exec", "web-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: no command: use 'satama container exec CONTAINER -- COMMAND [ARG...]'"], result.ErrorLines);
    }

    [Fact]
    public async Task Exec_with_a_command_but_no_double_dash_is_a_usage_error()
    {
        var result = await _cli.RunAsync("container", "exec", "web-1", "ls");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task Unknown_output_format_is_rejected()
    {
        var result = await _cli.RunAsync("grid", "ls", "--output", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: --output must be table, json or yaml, not 'xml' (see 'satama grid ls --help')"], result.ErrorLines);
    }

    [Fact]
    public async Task Api_command_without_a_context_says_how_to_get_one()
    {
        var result = await _cli.RunAsync("service", "ls");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: no master selected: run 'satama up' (one machine) or 'satama login URL --token TOKEN'"], result.ErrorLines);
    }

    [Fact]
    public async Task Invalid_grid_name_is_a_usage_error()
    {
        var result = await _cli.RunAsync("grid", "create", "Prod!");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: grid name 'Prod!' is invalid: use lower-case letters, digits and '-', starting and ending with a letter or digit"], result.ErrorLines);
    }

    [Fact]
    public async Task Negative_tail_is_rejected()
    {
        var result = await _cli.RunAsync("service", "logs", "web", "--tail", "-3");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
    }

    [Fact]
    public async Task Down_when_nothing_runs_says_so()
    {
        var data = Path.Combine(_cli.Home, "data");

        var result = await _cli.RunAsync("down", "--data", data);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Satama is not running on {data}.\n", result.Out);
    }

    [Fact]
    public async Task Context_use_of_an_unknown_name_lists_what_exists()
    {
        var result = await _cli.RunAsync("context", "use", "prod");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: context 'prod' not found; there are no contexts (run 'satama login URL --token TOKEN')"], result.ErrorLines);
    }

    [Theory]
    [InlineData("--image", "service", "create", "web", "--image")]
    [InlineData("--data", "up", "--data", "--detach")]
    [InlineData("--env", "service", "create", "web", "--image", "nginx", "--env")]
    public async Task An_option_without_its_value_is_a_usage_error(string option, params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"error: option {option} needs a value"], result.ErrorLines);
        Assert.False(Directory.Exists("__default_command"));
    }
}
