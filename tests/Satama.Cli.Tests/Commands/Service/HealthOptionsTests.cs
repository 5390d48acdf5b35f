using Satama.Cli.Commands.Service;
using Satama.Client.Dtos;

namespace Satama.Cli.Tests.Commands.Service;

/// <summary>The --health-* options of service create against the in-test master.</summary>
public sealed class HealthOptionsTests() : StubbedCliTests
{
    private ServiceCreateRequest Sent()
    {
        var (_, body) = Assert.Single(Stub.Received, r => r.Request == "POST /v1/grids/default/services");
        return System.Text.Json.JsonSerializer.Deserialize<ServiceCreateRequest>(body, Satama.Client.SatamaClient.Json)!;
    }

    [Fact]
    public async Task An_http_check_is_sent_with_its_timings()
    {
        var result = await Cli.RunAsync("service", "create", "web", "--image", "nginx", "--health-http", "/health", "--health-port", "8080",
            "--health-interval", "1m30s", "--health-timeout", "500ms", "--health-retries", "5", "--health-start-period", "10");

        Assert.Equal(0, result.ExitCode);
        var check = Sent().HealthCheck;
        Assert.Equal(new HealthCheckDto("http", 8080, "/health", null, null, null, 90, 0.5, 5, 10), check);
    }

    [Fact]
    public async Task A_tcp_and_a_command_check_are_sent()
    {
        Assert.Equal(0, (await Cli.RunAsync("service", "create", "web", "--image", "nginx", "--health-tcp", "5432")).ExitCode);
        var tcp = Sent().HealthCheck!;
        Assert.Equal(("tcp", 5432, 3), (tcp.Type, tcp.Port, tcp.Retries));

        Stub.Received.Clear();
        Assert.Equal(0, (await Cli.RunAsync("service", "create", "db", "--image", "nginx", "--health-cmd", "sh -c 'pg_isready -q'")).ExitCode);
        var (_, body) = Assert.Single(Stub.Received, r => r.Request == "POST /v1/grids/default/services");
        var cmd = System.Text.Json.JsonSerializer.Deserialize<ServiceCreateRequest>(body, Satama.Client.SatamaClient.Json)!.HealthCheck!;
        Assert.Equal("command", cmd.Type);
        Assert.Equal(["sh", "-c", "pg_isready -q"], cmd.Command);
    }

    [Theory]
    [InlineData("--health-http /x --health-tcp 80", "give only one of --health-http, --health-tcp and --health-cmd")]
    [InlineData("--health-http /x", "--health-http needs --health-port")]
    [InlineData("--health-http x --health-port 80", "health check: path 'x' must start with '/'")]
    [InlineData("--health-tcp 70000", "health check: port 70000 is out of range 1-65535")]
    [InlineData("--health-tcp 80 --health-interval soon", "--health-interval 'soon' is not a duration like 500ms, 5s, 1m30s")]
    [InlineData("--health-tcp 80 --health-timeout 0s", "health check: timeout must be greater than 0")]
    [InlineData("--health-tcp 80 --health-retries 0", "health check: retries must be at least 1, not 0")]
    [InlineData("--health-interval 5s", "--health-port, --health-interval, --health-timeout, --health-retries and --health-start-period need a check: --health-http, --health-tcp or --health-cmd")]
    public async Task Bad_health_options_are_refused_and_nothing_is_sent(string options, string error)
    {
        var result = await Cli.RunAsync(["service", "create", "web", "--image", "nginx", .. options.Split(' ')]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"error: {error}", result.ErrorLines);
        Assert.DoesNotContain(Stub.Received, r => r.Request.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Service_show_prints_the_check_and_each_instances_health_with_the_failure()
    {
        var instances = new List<InstanceDto>
        {
            new("web-1", 1, "node-1", "0123456789abcdef", "running", 0, 1, null, null, null, "healthy"),
            new("web-2", 2, "node-1", "fedcba9876543210", "running", 0, 1, null, null, null, "unhealthy", "HTTP 502 on /health"),
        };
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 2, running: 2) with
        {
            InstanceList = instances,
            Healthy = 1,
            HealthCheck = new HealthCheckDto("http", 8080, "/health", null, 200, 399, 5, 2, 3, 0),
        });

        var result = await Cli.RunAsync("service", "show", "null/web");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Instances: 2/2 running, 1 healthy\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("http GET :8080/health every 5s, timeout 2s, 3 retries", result.Out, StringComparison.Ordinal);
        Assert.Contains("web-1      node-1   running   healthy     0          0123456789ab\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("web-2      node-1   running   unhealthy   0          fedcba987654\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  web-2: unhealthy: HTTP 502 on /health\n", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90000)]
    [InlineData("2", 2000)]
    [InlineData("1.5s", 1500)]
    public void Durations_parse(string text, int millis)
    {
        var problems = new List<string>();

        Assert.Equal(TimeSpan.FromMilliseconds(millis), HealthOptions.Duration(text, "--x", problems));
        Assert.Empty(problems);
    }
}
