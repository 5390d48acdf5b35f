using Satama.Client.Dtos;

namespace Satama.Cli.Tests.Commands;

/// <summary>The runtime options of service create (--init, --stop-grace-period, --stop-signal), against the in-test master.</summary>
public sealed class ServiceRuntimeCommandTests() : StubbedCliTests(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero))
{
    private ServiceCreateRequest Sent()
    {
        var (_, body) = Assert.Single(Stub.Received, r => r.Request == "POST /v1/grids/default/services");
        return System.Text.Json.JsonSerializer.Deserialize<ServiceCreateRequest>(body, Satama.Client.SatamaClient.Json)!;
    }

    [Fact]
    public async Task Service_create_sends_init_stop_grace_period_and_stop_signal()
    {
        var result = await Cli.RunAsync("service", "create", "api", "--image", "nginx", "--init", "--stop-grace-period", "30s", "--stop-signal", "SIGINT");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new RuntimeDto(true, 30, "SIGINT"), Sent().Runtime);
    }

    [Fact]
    public async Task Service_create_sends_memory_and_cpu_limits()
    {
        var result = await Cli.RunAsync("service", "create", "api", "--image", "nginx", "--memory", "512m", "--cpus", "0.5");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new RuntimeDto(MemoryBytes: 512L << 20, Cpus: 0.5), Sent().Runtime);
    }

    [Fact]
    public async Task A_bad_memory_size_or_cpu_count_is_refused_before_anything_is_sent()
    {
        var result = await Cli.RunAsync("service", "create", "api", "--image", "nginx", "--memory", "lots", "--cpus", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--memory 'lots' is not a size like 512m or 2g", result.Error, StringComparison.Ordinal);
        Assert.Contains("--cpus must be more than 0, not 0", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Received, r => r.Request.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_lists_the_container_settings_that_are_not_defaults()
    {
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 1, running: 1) with
        {
            Runtime = new RuntimeDto(Init: true, StopGracePeriodSeconds: 30, StopSignal: "SIGINT", MemoryBytes: 512L << 20, Cpus: 0.5,
                User: "app", ReadOnly: true, CapAdd: ["NET_ADMIN"], Ulimits: [new UlimitDto("nofile", 1024, 2048)]),
        });

        var result = await Cli.RunAsync("service", "show", "web");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("init, stop SIGINT then SIGKILL after 30 s, memory 512 MiB, cpus 0.5, user app, read-only, cap_add NET_ADMIN, ulimits nofile=1024:2048",
            result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_lists_the_entrypoint_mounts_and_configs_from_the_stack_file()
    {
        Stub.Services.Add(StubMaster.Service("default", "shop", "db", "postgres:16", 1, running: 1) with
        {
            Entrypoint = ["/bin/sh", "-c"],
            Mounts = [new MountDto("volume", "default.shop.pgdata", "/var/lib/postgresql/data", false), new MountDto("bind", "/srv/init", "/init", true),
                new MountDto("volume", null, "/cache", false), new MountDto("tmpfs", null, "/scratch", false), new MountDto("volume", "legacy", "/old", false, External: true)],
            Configs = [new ConfigMountDto("site", "/etc/site.conf")],
        });

        var result = await Cli.RunAsync("service", "show", "shop/db");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/bin/sh -c", result.Out, StringComparison.Ordinal);
        Assert.Contains("volume default.shop.pgdata at /var/lib/postgresql/data, bind /srv/init at /init (read-only), volume (anonymous) at /cache, "
            + "tmpfs at /scratch, volume legacy (external) at /old", result.Out, StringComparison.Ordinal);
        Assert.Contains("site at /etc/site.conf", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_has_no_runtime_line_for_a_service_with_the_defaults()
    {
        Stub.Services.Add(StubMaster.Service("default", "null", "web", "nginx:latest", 1, running: 1));

        var result = await Cli.RunAsync("service", "show", "web");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("Runtime", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_create_without_runtime_options_sends_none()
    {
        var result = await Cli.RunAsync("service", "create", "api", "--image", "nginx");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Sent().Runtime);
    }

    [Fact]
    public async Task Bad_runtime_options_are_refused_before_anything_is_sent()
    {
        var result = await Cli.RunAsync("service", "create", "api", "--image", "nginx", "--stop-grace-period", "soon", "--stop-signal", "term");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--stop-grace-period 'soon' is not a duration like 500ms, 5s, 1m30s", result.Error, StringComparison.Ordinal);
        Assert.Contains("stop signal `term`", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Stub.Received, r => r.Request.StartsWith("POST", StringComparison.Ordinal));
    }
}
