using Satama.Core.Model;
using Satama.Core.Reconciling;
using Satama.Testing;
using static Satama.Agent.Tests.Health.HealthHarness;

namespace Satama.Agent.Tests.Health;

public sealed class HealthCheckerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_http_check_on_busybox_httpd_is_healthy()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(Fast(HealthCheckType.Http, path: "/index.html"));

        var status = await harness.HealthAsync(InstanceHealth.Healthy, "http check healthy");
        Assert.NotNull(status.HealthySince);
        Assert.Equal("", status.Detail);
        Assert.Contains("healthy", harness.Changes);
    }

    [Fact]
    public async Task An_http_check_on_a_wrong_path_is_unhealthy_with_the_status()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(Fast(HealthCheckType.Http, path: "/nope.html"));

        var status = await harness.HealthAsync(InstanceHealth.Unhealthy, "http check unhealthy");
        Assert.Equal("HTTP 404 on /nope.html", status.Detail);
        Assert.Null(status.HealthySince);
    }

    [Fact]
    public async Task A_tcp_check_on_the_listening_port_is_healthy()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(Fast(HealthCheckType.Tcp, port: 8080));

        await harness.HealthAsync(InstanceHealth.Healthy, "tcp check healthy");
    }

    [Fact]
    public async Task A_tcp_check_on_a_closed_port_is_unhealthy()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(Fast(HealthCheckType.Tcp, port: 9999));

        var status = await harness.HealthAsync(InstanceHealth.Unhealthy, "tcp check unhealthy");
        Assert.Equal("connection refused on :9999", status.Detail);
    }

    [Fact]
    public async Task A_command_check_that_exits_1_is_unhealthy()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(Fast(HealthCheckType.Command, command: ["sh", "-c", "echo broken >&2; exit 1"]));

        var status = await harness.HealthAsync(InstanceHealth.Unhealthy, "command check unhealthy");
        Assert.Equal("exit 1: broken", status.Detail);
    }

    [Fact]
    public async Task A_command_check_that_exits_0_is_healthy()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(Fast(HealthCheckType.Command, command: ["sh", "-c", "test -f /www/index.html"]));

        await harness.HealthAsync(InstanceHealth.Healthy, "command check healthy");
    }

    [Fact]
    public async Task No_check_and_a_published_port_that_listens_is_healthy()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(null, [new PortBindingView(FreePort.Next(), 8080)]);

        var status = await harness.HealthAsync(InstanceHealth.Healthy, "default check healthy");
        Assert.Equal("", status.Detail);
    }

    [Fact]
    public async Task No_check_and_a_port_nobody_listens_on_is_never_healthy()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(null, [new PortBindingView(FreePort.Next(), 9999)]);

        var status = await harness.HealthAsync(InstanceHealth.Unhealthy, "default check unhealthy");
        Assert.Equal("connection refused on :9999", status.Detail);
        Assert.DoesNotContain("healthy", harness.Changes);
    }

    [Fact]
    public async Task No_check_and_no_port_is_healthy_once_running_and_says_so()
    {
        await using var harness = new HealthHarness(output);

        await harness.RunAsync(null, command: ["sleep", "3600"]);

        var status = await harness.HealthAsync(InstanceHealth.Healthy, "no-port healthy");
        Assert.Equal("no port to check", status.Detail);
    }

    [Fact]
    public async Task A_stopped_container_has_no_health()
    {
        await using var harness = new HealthHarness(output);
        await harness.RunAsync(Fast(HealthCheckType.Tcp, port: 8080));
        await harness.HealthAsync(InstanceHealth.Healthy, "tcp check healthy");

        harness.Monitor.Sync(new Satama.Agent.Reconciler.NodeReport(2, []));

        Assert.Equal(InstanceHealth.None, harness.Monitor.Get(harness.Name).Health);
    }
}
