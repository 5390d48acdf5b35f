using Satama.Testing;

namespace Satama.Cli.Tests.Stacks;

/// <summary>stack validate works offline: no context, no master.</summary>
public sealed class StackValidateTests : IDisposable
{
    private readonly CliRun _cli = new();
    private readonly TempDirectory _dir = new("satama-stack-validate-");

    public void Dispose()
    {
        _cli.Dispose();
        _dir.Dispose();
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Validate_prints_the_resolved_stack_with_secrets_redacted_and_what_is_left_unchecked()
    {
        Write("web.env", "GREETING=hi\n");
        var file = Write("kontena.yml", """
            stack: acme/shop
            variables:
              db_password:
                type: string
                from:
                  random_string: 12
              tier:
                type: string
                from:
                  env: TIER
                  prompt: Which tier?
              api_key:
                type: string
                from:
                  vault: shop-api-key
            services:
              web:
                image: busybox
                instances: 2
                env_file: web.env
                environment:
                  DB: ${db_password}
                  TIER: ${tier}
                  API_TOKEN: plain-but-named-like-a-secret
            """);
        _cli.SetVariable("TIER", "gold");

        var result = await _cli.RunAsync("stack", "validate", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            stack: "shop"
            services:
              web:
                image: "busybox"
                environment:
                  API_TOKEN: "<redacted>"
                  DB: "<redacted>"
                  GREETING: "hi"
                  TIER: "gold"
                instances: 2

            """, result.Out);
        Assert.Equal($"note: {file}:15:14: variables.api_key.from.vault: variable `api_key` from vault secret `shop-api-key` left unchecked (needs a master)", result.ErrorLines[0]);
        Assert.Equal($"{file}: valid; 1 reference only a master can check left unchecked (see the notes above)", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task Validate_reports_every_error_with_file_line_and_column_and_exits_1()
    {
        var file = Write("docker-compose.yml", """
            name: shop
            servics: {}
            services:
              web:
                imgae: nginx
                ports: ["80:80", "nope"]
            """);

        var result = await _cli.RunAsync("stack", "validate", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal(
        [
            $"warning: {file}:5:5: services.web.imgae: unknown service key `imgae` (did you mean `image`?)",
            $"error: {file}:2:1: servics: unknown top-level key `servics` (did you mean `services`?)",
            $"error: {file}:4:3: services.web: service has no `image`",
            $"error: {file}:6:22: services.web.ports[1]: port `nope` is not [HOST_IP:][PUBLISHED:]TARGET[/tcp|udp] with ports from 1 to 65535 (e.g. 8080:80)",
        ], result.ErrorLines);
    }

    [Fact]
    public async Task A_prompt_variable_without_a_terminal_is_an_error_naming_the_option_and_var_gives_it()
    {
        var file = Write("kontena.yml", """
            stack: shop
            variables:
              tier:
                from:
                  prompt: Which tier?
            services:
              web:
                image: busybox
                environment:
                  TIER: ${tier}
            """);

        var missing = await _cli.RunAsync("stack", "validate", file);
        var given = await _cli.RunAsync("stack", "validate", file, "--var", "tier=silver", "--name", "other");

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal([$"error: {file}:3:3: variables.tier: variable `tier` has no value and there is no terminal to ask for it: pass it with --var tier=..."],
            missing.ErrorLines);
        Assert.Equal(0, given.ExitCode);
        Assert.Contains("stack: \"other\"", given.Out, StringComparison.Ordinal);
        Assert.Contains("TIER: \"silver\"", given.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_and_a_directory_are_clear_errors()
    {
        var missing = await _cli.RunAsync("stack", "validate", Path.Combine(_dir.Path, "nope.yml"));
        var directory = await _cli.RunAsync("stack", "validate", _dir.Path);

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal([$"error: stack file '{Path.Combine(_dir.Path, "nope.yml")}' not found"], missing.ErrorLines);
        Assert.Equal(1, directory.ExitCode);
        Assert.StartsWith($"error: '{_dir.Path}' is a directory", directory.ErrorLines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stack", "validate", "x.yml", "--var", "NOEQUALS")]
    [InlineData("stack", "install", "x.yml", "--var", "=v")]
    [InlineData("stack", "install", "x.yml", "--name", "Bad_Name")]
    [InlineData("stack", "show", "null")]
    [InlineData("stack", "rm", "UPPER")]
    [InlineData("stack", "rollback", "shop", "--revision", "0")]
    [InlineData("stack", "upgrade", "shop")]
    [InlineData("stack", "frobnicate")]
    public async Task Usage_errors_exit_2_before_anything_is_read_or_sent(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}
