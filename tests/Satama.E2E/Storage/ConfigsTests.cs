using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Storage;

/// <summary>A stack's configs (a file sent with the stack, inline content) reach the container, and a changed file rolls the service.</summary>
[Collection(EngineCollection.Name)]
public sealed class ConfigsTests(MasterProcess master)
{
    private static readonly string s_stack = $$"""
        name: cfg
        services:
          web:
            image: {{TestImages.Busybox}}
            command: ["sleep", "3600"]
            configs:
              - source: site
                target: /etc/app/site.conf
              - motd
        configs:
          site:
            file: ./site.conf
          motd:
            content: welcome to ${STACK}
        """;

    private static StackFileRequest Request(string site) =>
        new("cfg.yml", s_stack, Files: new Dictionary<string, string> { ["site.conf"] = site });

    [Fact]
    public async Task A_config_file_is_in_the_container_and_a_change_of_its_content_rolls_the_service()
    {
        await using var agent = await GridAgent.StartAsync(master);
        await master.Client.InstallStackAsync(agent.Grid, Request("listen 80;"));
        var first = await RunningAsync(agent, 1);
        Assert.Equal(["listen 80;", "welcome to cfg"], await ReadAsync(first));

        await master.Client.UpgradeStackAsync(agent.Grid, "cfg", Request("listen 81;"));
        var second = await RunningAsync(agent, 2);

        Assert.Equal(["listen 81;", "welcome to cfg"], await ReadAsync(second));
    }

    private static async Task<string[]> ReadAsync(string container) =>
        (await Shell.DockerAsync("exec", container, "sh", "-c", "cat /etc/app/site.conf; echo; cat /motd"))
            .EnsureSuccess("read the configs").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<string> RunningAsync(GridAgent agent, long revision)
    {
        var containers = await Eventually.ValueAsync(agent.DockerContainersAsync,
            c => c.Count == 1 && c.All(x => x.Key.EndsWith($".r{revision}", StringComparison.Ordinal) && x.Value == "running"),
            $"web running at revision {revision}, alone", TimeSpan.FromMinutes(3),
            c => string.Join(", ", c.Select(x => $"{x.Key}:{x.Value}")));
        return containers.Keys.Single();
    }
}
