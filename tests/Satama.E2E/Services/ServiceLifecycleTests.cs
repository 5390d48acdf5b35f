using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Services;

[Collection(EngineCollection.Name)]
public sealed class ServiceLifecycleTests(MasterProcess master)
{
    [Fact]
    public async Task A_service_runs_labelled_containers_scales_up_and_down_and_leaves_nothing_when_removed()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;

        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 3, Command: TestImages.HttpdCommand));
        await client.UntilRunningAsync(agent.Grid, "web", 3);

        var containers = await agent.DockerContainersAsync();
        Assert.Equal(3, containers.Count);
        Assert.All(containers.Values, state => Assert.Equal("running", state));
        var labels = await Shell.DockerAsync("inspect", "-f",
            "{{index .Config.Labels \"io.satama.grid\"}} {{index .Config.Labels \"io.satama.stack\"}} {{index .Config.Labels \"io.satama.service\"}} {{index .Config.Labels \"io.satama.instance\"}} {{index .Config.Labels \"io.satama.node\"}}",
            $"{agent.Grid}.null.web-1.r1");
        Assert.Equal($"{agent.Grid} null web 1 {agent.Node}", labels.EnsureSuccess("docker inspect").Stdout.Trim());

        await client.ScaleServiceAsync(agent.Grid, "null", "web", 5);
        await client.UntilRunningAsync(agent.Grid, "web", 5);
        Assert.Equal(5, (await agent.DockerContainersAsync()).Count);

        await client.ScaleServiceAsync(agent.Grid, "null", "web", 1);
        await client.UntilRunningAsync(agent.Grid, "web", 1);
        await Eventually.ValueAsync(agent.DockerContainersAsync, c => c.Count == 1, "one container left after scaling to 1",
            describe: c => string.Join(", ", c.Keys));

        await client.DeleteServiceAsync(agent.Grid, "null", "web");
        await Eventually.ValueAsync(agent.DockerContainersAsync, c => c.Count == 0, "no container left after service rm",
            describe: c => string.Join(", ", c.Keys));
        var error = await Assert.ThrowsAsync<Satama.Client.SatamaApiException>(() => client.GetServiceAsync(agent.Grid, "null", "web"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task A_container_killed_through_docker_is_restarted_and_the_restart_reaches_the_master()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;
        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 2, Command: TestImages.HttpdCommand));
        await client.UntilRunningAsync(agent.Grid, "web", 2);

        (await Shell.DockerAsync("kill", $"{agent.Grid}.null.web-2.r1")).EnsureSuccess("docker kill");

        await Eventually.ValueAsync(
            () => client.GetServiceAsync(agent.Grid, "null", "web"),
            s => s.Running == 2 && s.InstanceList.Single(i => i.Number == 2).RestartCount >= 1,
            "web-2 restarted by the agent",
            describe: ServiceWaits.Describe);
        Assert.Equal(2, (await agent.DockerContainersAsync()).Count);
    }

    [Fact]
    public async Task Restart_policy_no_leaves_an_exited_container_alone()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var client = master.Client;

        await client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("once", TestImages.Busybox, 1, Command: ["sh", "-c", "exit 3"], Restart: "no"));

        var service = await Eventually.ValueAsync(
            () => client.GetServiceAsync(agent.Grid, "null", "once"),
            s => s.InstanceList.Count == 1 && s.InstanceList[0].State == "exited",
            "the one-shot container to exit",
            describe: ServiceWaits.Describe);
        Assert.Equal(3, service.InstanceList[0].ExitCode);
        Assert.Equal(0, service.InstanceList[0].RestartCount);
    }
}
