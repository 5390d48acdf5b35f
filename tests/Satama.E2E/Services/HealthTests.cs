using Satama.Client.Dtos;
using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Services;

/// <summary>Health checks run by the real agent reach the master and show through the API.</summary>
[Collection(EngineCollection.Name)]
public sealed class HealthTests(MasterProcess master)
{
    private static string Describe(ServiceDto s) =>
        $"healthy {s.Healthy}/{s.Instances}: " + string.Join(", ", s.InstanceList.Select(i => $"{i.Name}={i.State}/{i.Health}({i.HealthDetail})"));

    [Fact]
    public async Task A_service_with_an_http_check_reports_healthy_instances()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var check = new HealthCheckDto("http", 8080, "/index.html", IntervalSeconds: 0.5, TimeoutSeconds: 2, Retries: 2);

        await master.Client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 2, Command: TestImages.HttpdCommand, HealthCheck: check));

        var service = await Eventually.ValueAsync(
            () => master.Client.GetServiceAsync(agent.Grid, "null", "web"),
            s => s.Healthy == 2,
            "both web instances healthy",
            describe: Describe);
        Assert.All(service.InstanceList, i => Assert.Equal("healthy", i.Health));
        Assert.Equal("/index.html", service.HealthCheck?.Path);
    }

    [Fact]
    public async Task A_service_with_a_failing_check_reports_unhealthy_with_the_detail()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var check = new HealthCheckDto("http", 8080, "/health", IntervalSeconds: 0.5, TimeoutSeconds: 2, Retries: 2);

        await master.Client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 1, Command: TestImages.HttpdCommand, HealthCheck: check));

        var service = await Eventually.ValueAsync(
            () => master.Client.GetServiceAsync(agent.Grid, "null", "web"),
            s => s.InstanceList.Count == 1 && s.InstanceList[0].Health == "unhealthy",
            "web-1 unhealthy",
            describe: Describe);
        Assert.Equal("HTTP 404 on /health", service.InstanceList[0].HealthDetail);
        Assert.Equal("running", service.InstanceList[0].State);
        Assert.Equal(0, service.Healthy);
    }

    [Fact]
    public async Task A_service_without_a_check_is_healthy_only_once_its_port_accepts_connections()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var port = FreePort.Next();

        await master.Client.CreateServiceAsync(agent.Grid, new ServiceCreateRequest("web", TestImages.Busybox, 1,
            Ports: [new PortDto(port, 9999)], Command: TestImages.HttpdCommand));

        var service = await Eventually.ValueAsync(
            () => master.Client.GetServiceAsync(agent.Grid, "null", "web"),
            s => s.InstanceList.Count == 1 && s.InstanceList[0].Health == "unhealthy",
            "web-1 never healthy: nothing listens on 9999",
            describe: Describe);
        Assert.Equal("connection refused on :9999", service.InstanceList[0].HealthDetail);
    }
}
