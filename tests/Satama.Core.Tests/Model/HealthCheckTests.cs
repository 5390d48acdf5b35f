using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class HealthCheckTests
{
    private static ServiceSpec Spec(HealthCheck check) => new() { Grid = "g", Name = "web", Image = "nginx", Health = check };

    [Fact]
    public void A_default_http_check_on_a_port_is_valid() =>
        Assert.Empty(ServiceValidator.Validate(Spec(new HealthCheck { Port = 8080, Path = "/health" })));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = ServiceValidator.Validate(Spec(new HealthCheck
        {
            Port = 70000,
            Path = "health",
            Interval = TimeSpan.Zero,
            Timeout = TimeSpan.FromSeconds(-1),
            Retries = 0,
        }));

        Assert.Contains("health check: interval must be greater than 0", errors);
        Assert.Contains("health check: timeout must be greater than 0", errors);
        Assert.Contains("health check: retries must be at least 1, not 0", errors);
        Assert.Contains("health check: port 70000 is out of range 1-65535", errors);
        Assert.Contains("health check: path 'health' must start with '/'", errors);
    }

    [Fact]
    public void A_command_check_needs_a_command_and_no_port() =>
        Assert.Equal(["health check: a command check needs a command"], ServiceValidator.Validate(Spec(new HealthCheck { Type = HealthCheckType.Command })));

    [Fact]
    public void A_tcp_check_needs_a_port() =>
        Assert.Equal(["health check: port 0 is out of range 1-65535"], ServiceValidator.Validate(Spec(new HealthCheck { Type = HealthCheckType.Tcp })));

    [Fact]
    public void A_bad_status_range_is_refused() =>
        Assert.Single(ServiceValidator.Validate(Spec(new HealthCheck { Port = 80, ExpectedStatusMin = 400, ExpectedStatusMax = 200 })));

    [Theory]
    [InlineData(InstanceHealth.None, "none")]
    [InlineData(InstanceHealth.Starting, "starting")]
    [InlineData(InstanceHealth.Healthy, "healthy")]
    [InlineData(InstanceHealth.Unhealthy, "unhealthy")]
    public void Instance_health_round_trips_on_the_wire(InstanceHealth health, string wire)
    {
        Assert.Equal(wire, health.ToWire());
        Assert.Equal(health, InstanceHealths.Parse(wire));
    }
}
