using Satama.Cli.Commands.Stack;
using Satama.Testing;
using Spectre.Console.Testing;

namespace Satama.Cli.Tests.Stacks;

/// <summary>What the CLI sends with a stack file: referenced files, --var and prompt answers, generated values, the environment it read.</summary>
public sealed class StackFileLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new("satama-stack-loader-");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_request_carries_what_the_file_read_and_nothing_else()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "web.env"), "A=1\n");
        var file = Path.Combine(_dir.Path, "kontena.yml");
        File.WriteAllText(file, """
            stack: shop
            variables:
              tier:
                from:
                  prompt: Which tier?
              secret:
                from:
                  random_string: 10
            services:
              web:
                image: busybox:${TAG}
                env_file: web.env
                environment:
                  TIER: ${tier}
                  SECRET: ${secret}
                  HOME_DIR: ${HOME}
            """);
        var console = new TestConsole().Interactive();
        console.Input.PushTextWithEnter("gold");
        var environment = new CliEnvironment
        {
            Out = console,
            Error = TextWriter.Null,
            ConfigPath = Path.Combine(_dir.Path, "config.yaml"),
            GetVariable = name => name switch { "TAG" => "1.2", "HOME" => "/home/me", "UNRELATED" => "do-not-send", _ => null },
        };

        var loaded = StackFileLoader.Load(environment, file, null, new Dictionary<string, string> { ["extra"] = "x" }, "prod");

        Assert.True(loaded.Result.Succeeded, string.Join("\n", loaded.Result.Diagnostics));
        var request = loaded.Request;
        Assert.Equal(file, request.File);
        Assert.Equal(new Dictionary<string, string> { [Path.Combine(_dir.Path, "web.env")] = "A=1\n" }, request.Files);
        Assert.Equal(new Dictionary<string, string> { ["extra"] = "x", ["tier"] = "gold" }, request.Variables);
        Assert.Equal(["secret"], request.Generated!.Keys);
        Assert.Equal(10, request.Generated["secret"].Length);
        Assert.Equal(new Dictionary<string, string> { ["TAG"] = "1.2", ["HOME"] = "/home/me" }, request.Environment);
        Assert.Contains(request.Generated["secret"], loaded.Secrets);
    }

    [Fact]
    public void A_config_file_is_read_beside_the_stack_file_and_sent_with_it()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Path, "conf"));
        File.WriteAllText(Path.Combine(_dir.Path, "conf", "site.conf"), "listen 80;\n");
        var file = Path.Combine(_dir.Path, "satama.yml");
        File.WriteAllText(file, """
            name: shop
            services:
              web:
                image: busybox
                configs: [site]
            configs:
              site:
                file: ./conf/site.conf
            """);
        var environment = new CliEnvironment
        {
            Out = new TestConsole(),
            Error = TextWriter.Null,
            ConfigPath = Path.Combine(_dir.Path, "config.yaml"),
            GetVariable = _ => null,
        };

        var loaded = StackFileLoader.Load(environment, file, null, new Dictionary<string, string>(), "prod");

        Assert.True(loaded.Result.Succeeded, string.Join("\n", loaded.Result.Diagnostics));
        Assert.Equal(new Dictionary<string, string> { [Path.Combine(_dir.Path, "conf", "site.conf")] = "listen 80;\n" }, loaded.Request.Files);
    }
}
