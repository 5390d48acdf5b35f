using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Runtime;

public sealed class RuntimeApiTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private const string Stack = """
        name: shop
        services:
          web:
            image: satama-test/busybox:latest
            command: httpd -f -p 8080 -h /www
            init: true
            stop_grace_period: 30s
            stop_signal: SIGINT
        """;

    private SatamaClient Client => fixture.Master.Client;

    [Fact]
    public async Task A_service_created_with_runtime_options_shows_them()
    {
        var grid = await fixture.Master.NewGridAsync();

        var service = await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx",
            Runtime: new RuntimeDto(Init: true, StopGracePeriodSeconds: 30, StopSignal: "SIGINT")));

        Assert.Equal(new RuntimeDto(true, 30, "SIGINT"), service.Runtime);
    }

    [Fact]
    public async Task A_service_created_with_limits_shows_them()
    {
        var grid = await fixture.Master.NewGridAsync();

        var service = await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx",
            Runtime: new RuntimeDto(MemoryBytes: 64L << 20, Cpus: 0.5, CpuShares: 512)));

        Assert.Equal(new RuntimeDto(null, null, null, 64L << 20, 0.5, 512), service.Runtime);
    }

    [Fact]
    public async Task Limits_docker_would_refuse_are_rejected()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name,
            new ServiceCreateRequest("web", "nginx", Runtime: new RuntimeDto(MemoryBytes: 1024, Cpus: -1, CpuShares: 1))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("memory limit must be at least 6m", error.Detail);
        Assert.Contains("cpus must be from 0.01", error.Detail);
        Assert.Contains("cpu shares must be from 2 to 262144, not 1", error.Detail);
    }

    [Fact]
    public async Task A_service_created_with_container_settings_shows_them()
    {
        var grid = await fixture.Master.NewGridAsync();

        var service = await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx",
            Runtime: new RuntimeDto(User: "101", WorkingDir: "/srv", Hostname: "web", Labels: new Dictionary<string, string> { ["team"] = "blue" },
                ReadOnly: true, Tmpfs: ["/run"], CapAdd: ["NET_ADMIN"], CapDrop: ["ALL"], ExtraHosts: ["db:10.0.0.2"], ShmSizeBytes: 1L << 20,
                Sysctls: new Dictionary<string, string> { ["net.core.somaxconn"] = "1024" }, Ulimits: [new UlimitDto("nofile", 10, 20)])));

        var r = service.Runtime!;
        Assert.Equal(("101", "/srv", "web", true, 1L << 20), (r.User, r.WorkingDir, r.Hostname, r.ReadOnly, r.ShmSizeBytes));
        Assert.Equal("blue", r.Labels!["team"]);
        Assert.Equal(["/run"], r.Tmpfs!);
        Assert.Equal(["NET_ADMIN"], r.CapAdd!);
        Assert.Equal(["ALL"], r.CapDrop!);
        Assert.Equal(["db:10.0.0.2"], r.ExtraHosts!);
        Assert.Equal("1024", r.Sysctls!["net.core.somaxconn"]);
        Assert.Equal(new UlimitDto("nofile", 10, 20), Assert.Single(r.Ulimits!));
    }

    [Fact]
    public async Task Bad_container_settings_are_rejected_with_every_problem()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx",
            Runtime: new RuntimeDto(WorkingDir: "srv", Labels: new Dictionary<string, string> { ["io.satama.grid"] = "x" }, CapAdd: [null!],
                ExtraHosts: ["db"], Ulimits: [new UlimitDto("files", 1, 2)]))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("working_dir `srv` is not an absolute path", error.Detail);
        Assert.Contains("label `io.satama.grid` is reserved", error.Detail);
        Assert.Contains("capAdd has a null element", error.Detail);
        Assert.Contains("extra host `db` is not host:ip", error.Detail);
        Assert.Contains("ulimit `files` is unknown", error.Detail);
        Assert.Empty(await Client.ListServicesAsync(grid.Name));
    }

    [Fact]
    public async Task A_service_created_without_runtime_options_shows_none()
    {
        var grid = await fixture.Master.NewGridAsync();

        var service = await Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx"));

        Assert.Null(service.Runtime);
    }

    [Fact]
    public async Task Bad_runtime_options_are_rejected_with_every_problem_and_nothing_is_created()
    {
        var grid = await fixture.Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Client.CreateServiceAsync(grid.Name,
            new ServiceCreateRequest("web", "nginx", Runtime: new RuntimeDto(StopGracePeriodSeconds: -5, StopSignal: "term"))));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("stop grace period must be from 0 to 3600 seconds, not -5", error.Detail);
        Assert.Contains("stop signal `term`", error.Detail);
        Assert.Empty(await Client.ListServicesAsync(grid.Name));
    }

    [Fact]
    public async Task A_stack_sets_runtime_options_and_changing_one_is_a_new_revision()
    {
        var grid = (await fixture.Master.NewGridAsync()).Name;
        await Client.InstallStackAsync(grid, new StackFileRequest("shop.yml", Stack));
        Assert.Equal(new RuntimeDto(true, 30, "SIGINT"), (await Client.GetServiceAsync(grid, "shop", "web")).Runtime);

        var result = await Client.UpgradeStackAsync(grid, "shop", new StackFileRequest("shop.yml", Stack.Replace("SIGINT", "SIGQUIT", StringComparison.Ordinal)));

        var change = Assert.Single(result.Changes);
        Assert.Equal(("changed", "runtime"), (change.Change, Assert.Single(change.Fields)));
        var web = await Client.GetServiceAsync(grid, "shop", "web");
        Assert.Equal((2L, "SIGQUIT"), (web.Revision, web.Runtime?.StopSignal));
    }
}
