using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Runtime;

/// <summary>
/// A stack's container settings reach the engine through master and agent: init, stop signal and grace, limits,
/// user, read-only root with a tmpfs, labels; and changing one of them rolls the service to a new revision.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class RuntimeOptionsTests(MasterProcess master)
{
    private static string Stack(string memory) => $$"""
        name: tuned
        services:
          web:
            image: {{TestImages.Busybox}}
            command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
            init: true
            stop_signal: SIGINT
            stop_grace_period: 20s
            mem_limit: {{memory}}
            cpus: 0.5
            user: "65534"
            read_only: true
            tmpfs: [/tmp]
            labels:
              team: shop
        """;

    [Fact]
    public async Task Settings_from_the_stack_file_are_on_the_container_and_a_change_rolls_the_service()
    {
        await using var agent = await GridAgent.StartAsync(master);
        await master.Client.InstallStackAsync(agent.Grid, new StackFileRequest("tuned.yml", Stack("64m")));
        var name = await RunningAsync(agent, 1);

        var inspect = (await Shell.DockerAsync("inspect", "-f",
            "{{.HostConfig.Init}} {{.Config.StopSignal}} {{.Config.StopTimeout}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.Config.User}} {{.HostConfig.ReadonlyRootfs}} {{index .Config.Labels \"team\"}}",
            name)).EnsureSuccess("docker inspect").Stdout.Trim();
        Assert.Equal($"true SIGINT 20 {64L << 20} 500000000 65534 true shop", inspect);
        var whoami = (await Shell.DockerAsync("exec", name, "sh", "-c", "id -u; grep -q ' /tmp tmpfs ' /proc/mounts && echo tmpfs-mounted; touch /root-file 2>/dev/null || echo root-read-only"))
            .EnsureSuccess("docker exec").Stdout;
        Assert.Equal(["65534", "tmpfs-mounted", "root-read-only"], whoami.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        await master.Client.UpgradeStackAsync(agent.Grid, "tuned", new StackFileRequest("tuned.yml", Stack("128m")));
        var upgraded = await RunningAsync(agent, 2);
        Assert.Equal((128L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await Shell.DockerAsync("inspect", "-f", "{{.HostConfig.Memory}}", upgraded)).EnsureSuccess("docker inspect").Stdout.Trim());
    }

    private static async Task<string> RunningAsync(GridAgent agent, long revision)
    {
        var containers = await Eventually.ValueAsync(agent.DockerContainersAsync,
            c => c.Count == 1 && c.All(x => x.Key.EndsWith($".r{revision}", StringComparison.Ordinal) && x.Value == "running"),
            $"web running at revision {revision}, alone", TimeSpan.FromMinutes(3),
            c => string.Join(", ", c.Select(x => $"{x.Key}:{x.Value}")));
        return containers.Keys.Single();
    }
}
