using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Master.AgentLink;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Api;

public sealed class ServiceHealthApiTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private SatamaClient Client => fixture.Master.Client;

    [Fact]
    public async Task A_service_with_an_http_check_shows_it_with_the_defaults_filled_in()
    {
        var grid = await fixture.Master.NewGridAsync();

        var service = await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 2,
            HealthCheck: new HealthCheckDto("http", 80, "/health", IntervalSeconds: 1)));

        var check = service.HealthCheck;
        Assert.NotNull(check);
        Assert.Equal("http", check.Type);
        Assert.Equal(80, check.Port);
        Assert.Equal("/health", check.Path);
        Assert.Equal(1, check.IntervalSeconds);
        Assert.Equal(2, check.TimeoutSeconds);
        Assert.Equal(3, check.Retries);
        Assert.Equal((200, 399), (check.ExpectedStatusMin, check.ExpectedStatusMax));
        Assert.Equal(0, service.Healthy);
        Assert.All(service.InstanceList, i => Assert.Equal("none", i.Health));
        Assert.Equal(check, (await Client.GetServiceAsync(grid.Name, "null", "web")).HealthCheck);
    }

    [Fact]
    public async Task A_bad_health_check_is_rejected_with_every_problem_and_nothing_is_created()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name,
            new ServiceCreateRequest("web", "nginx", HealthCheck: new HealthCheckDto("http", 0, "health", IntervalSeconds: 0, Retries: 0))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("health check: port 0 is out of range 1-65535", error.Detail);
        Assert.Contains("health check: path 'health' must start with '/'", error.Detail);
        Assert.Contains("health check: interval must be greater than 0", error.Detail);
        Assert.Contains("health check: retries must be at least 1, not 0", error.Detail);
        Assert.Empty(await Client.ListServicesAsync(grid.Name));
    }

    [Fact]
    public async Task An_unknown_check_type_is_rejected()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name,
            new ServiceCreateRequest("web", "nginx", HealthCheck: new HealthCheckDto("grpc", 80))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("health check: type 'grpc' is invalid: use http, tcp or command", error.Detail);
    }

    [Fact]
    public void The_desired_container_carries_the_check_and_its_hash_changes_with_it()
    {
        var spec = new ServiceSpec { Grid = "g", Name = "web", Image = "nginx:1.27" };
        var check = new HealthCheck { Type = HealthCheckType.Command, Command = ["sh", "-c", "exit 0"], Interval = TimeSpan.FromSeconds(7), StartPeriod = TimeSpan.FromSeconds(10) };

        var container = DesiredSetBuilder.Container(spec with { Health = check }, 1);

        Assert.Equal("command", container.HealthCheck.Type);
        Assert.Equal(["sh", "-c", "exit 0"], container.HealthCheck.Command);
        Assert.Equal(7000, container.HealthCheck.IntervalMs);
        Assert.Equal(10000, container.HealthCheck.StartPeriodMs);
        Assert.Equal(3, container.HealthCheck.Retries);
        Assert.Null(DesiredSetBuilder.Container(spec, 1).HealthCheck);
        Assert.NotEqual(SpecHash.Of(spec), SpecHash.Of(spec with { Health = check }));
        Assert.NotEqual(SpecHash.Of(spec with { Health = check }), SpecHash.Of(spec with { Health = check with { Retries = 4 } }));
        Assert.Equal(SpecHash.Of(spec with { Health = check }), SpecHash.Of(spec with { Health = check with { } }));
    }
}
