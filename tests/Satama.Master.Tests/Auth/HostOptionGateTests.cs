using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.Tests.Infrastructure;

namespace Satama.Master.Tests.Auth;

/// <summary>
/// Issue 13, defect 2: a grid_user was root on every node. Host-level options need grid_admin, or the grid's allowance;
/// the refusal names each option (at its file:line:column in a stack file) and changes nothing.
/// </summary>
public sealed partial class HostOptionGateTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    // Every way into the node a grid_user tried; the line numbers are asserted below.
    private const string Rootkit = """
        name: rootkit
        services:
          web:
            image: satama-test/busybox:latest
            privileged: true
            cap_add: [NET_BIND_SERVICE, SYS_ADMIN]
            pid: host
            devices: [/dev/mem]
            sysctls:
              kernel.core_pattern: "|/tmp/x"
              net.core.somaxconn: 1024
            volumes:
              - /:/host
              - /var/run/docker.sock:/var/run/docker.sock
              - agent:/agent
        volumes:
          agent:
            driver_opts: {type: none, o: bind, device: /var/lib/satama}
        """;

    private const string Plain = """
        name: plain
        services:
          web:
            image: satama-test/busybox:latest
            cap_drop: [ALL]
            cap_add: [NET_BIND_SERVICE]
            sysctls: {net.core.somaxconn: 1024}
            volumes: [data:/data, /tmp]
        volumes:
          data: {}
        """;

    private TestMaster Master => fixture.Master;

    private static StackFileRequest File(string text) => new("shop.yml", text);

    [Fact]
    public async Task A_grid_user_s_stack_that_asks_for_host_level_options_is_refused_403_naming_each_at_its_position_and_nothing_is_written()
    {
        var grid = (await Master.NewGridAsync()).Name;
        using var user = await ClientAsync(Roles.GridUser, grid);

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => user.InstallStackAsync(grid, File(Rootkit)));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        var lines = error.Detail!.Split('\n');
        Assert.Contains("may not ask for host-level options on grid", lines[0]);
        Assert.Equal(
        [
            "shop.yml:5:17: services.web.privileged",
            "shop.yml:6:33: services.web.cap_add[1]",
            "shop.yml:8:15: services.web.devices[0]",
            "shop.yml:7:10: services.web.pid",
            "shop.yml:10:7: services.web.sysctls.kernel.core_pattern",
            "shop.yml:13:9: services.web.volumes[0]",
            "shop.yml:14:9: services.web.volumes[1]",
            "shop.yml:15:9: services.web.volumes[2]",
        ], lines[1..].Select(l => string.Join(": ", l.Split(": ").Take(2))));
        Assert.Contains("satama grid update " + grid + " --allow privileged", lines[1]);
        Assert.Contains("--allow cap_add:SYS_ADMIN", lines[2]);
        Assert.Contains("--allow-bind /var/lib/satama", lines[8]);
        Assert.Empty(await Master.Client.ListStacksAsync(grid));
        Assert.Empty(await Master.Client.ListServicesAsync(grid));
    }

    [Fact]
    public async Task A_grid_user_deploys_a_stack_that_only_confines_its_containers()
    {
        var grid = (await Master.NewGridAsync()).Name;
        using var user = await ClientAsync(Roles.GridUser, grid);

        var installed = await user.InstallStackAsync(grid, File(Plain));

        Assert.Equal("added", Assert.Single(installed.Changes).Change);
    }

    [Fact]
    public async Task A_grid_admin_installs_what_a_grid_user_may_not()
    {
        var grid = (await Master.NewGridAsync()).Name;
        using var admin = await ClientAsync(Roles.GridAdmin, grid);

        var installed = await admin.InstallStackAsync(grid, File(Rootkit));

        Assert.Equal(1, installed.Revision);
        Assert.True((await Master.Client.GetServiceAsync(grid, "rootkit", "web")).Runtime!.Privileged);
    }

    [Fact]
    public async Task A_token_capped_at_grid_user_is_refused_even_for_a_master_admin()
    {
        var grid = (await Master.NewGridAsync()).Name;
        var capped = await Master.Client.CreateTokenAsync(new TokenCreateRequest("deploy-only", Roles.GridUser));
        using var client = Master.ClientWithToken(capped.Value);

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => client.InstallStackAsync(grid, File(Rootkit)));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }

    [Fact]
    public async Task A_grid_user_s_service_create_with_host_level_runtime_options_is_refused_and_nothing_is_created()
    {
        var grid = (await Master.NewGridAsync()).Name;
        using var user = await ClientAsync(Roles.GridUser, grid);
        var request = new ServiceCreateRequest("web", "busybox:1", Runtime: new RuntimeDto(Privileged: true, CapAdd: ["CHOWN", "NET_ADMIN"],
            Sysctls: new Dictionary<string, string> { ["vm.overcommit_memory"] = "1" }));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => user.CreateServiceAsync(grid, request));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        var lines = error.Detail!.Split('\n');
        Assert.Equal(["runtime.privileged", "runtime.capAdd[1]", "runtime.sysctls.vm.overcommit_memory"], lines[1..].Select(l => l.Split(": ")[0]));
        Assert.Empty(await Master.Client.ListServicesAsync(grid));
        Assert.Equal("web", (await user.CreateServiceAsync(grid, request with { Runtime = new RuntimeDto(CapAdd: ["CHOWN"]) })).Name);
    }

    [Fact]
    public async Task Scale_restart_and_deploy_of_a_privileged_service_add_nothing_and_a_grid_user_may_do_them()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.CreateServiceAsync(grid, new ServiceCreateRequest("probe", "busybox:1", Runtime: new RuntimeDto(Privileged: true)));
        using var user = await ClientAsync(Roles.GridUser, grid);

        Assert.Equal(3, (await user.ScaleServiceAsync(grid, "null", "probe", 3)).Instances);
        Assert.Equal(2, (await user.RestartServiceAsync(grid, "null", "probe")).Revision);
        await user.DeployServiceAsync(grid, "null", "probe", force: true);
    }

    [Fact]
    public async Task A_grid_user_may_scale_an_admin_s_privileged_stack_but_not_change_what_runs_privileged()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.InstallStackAsync(grid, File(Rootkit));
        using var user = await ClientAsync(Roles.GridUser, grid);

        var scaled = await user.UpgradeStackAsync(grid, "rootkit", File(Rootkit.Replace("    privileged: true", "    privileged: true\n    instances: 2", StringComparison.Ordinal)));
        var error = await Assert.ThrowsAsync<SatamaApiException>(() =>
            user.UpgradeStackAsync(grid, "rootkit", File(Rootkit.Replace("busybox:latest", "busybox:evil", StringComparison.Ordinal))));

        Assert.Equal("scaled", Assert.Single(scaled.Changes).Change);
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal(2, (await Master.Client.GetStackAsync(grid, "rootkit")).Revision);
        Assert.Equal("satama-test/busybox:latest", (await Master.Client.GetServiceAsync(grid, "rootkit", "web")).Image);
    }

    [Fact]
    public async Task A_grid_user_s_rollback_to_a_privileged_revision_is_refused_and_changes_nothing()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.InstallStackAsync(grid, File(Rootkit));
        await Master.Client.UpgradeStackAsync(grid, "rootkit", File(Plain.Replace("name: plain", "name: rootkit", StringComparison.Ordinal)));
        using var user = await ClientAsync(Roles.GridUser, grid);

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => user.RollbackStackAsync(grid, "rootkit"));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("shop.yml:5:17: services.web.privileged", error.Detail);
        Assert.Equal(2, (await Master.Client.GetStackAsync(grid, "rootkit")).Revision);
        Assert.Null((await Master.Client.GetServiceAsync(grid, "rootkit", "web")).Runtime?.Privileged);
    }

    private async Task<SatamaClient> ClientAsync(string role, string grid)
    {
        var name = Testing.UniqueNames.Next("u");
        var created = await Master.Client.CreateUserAsync(name);
        await Master.Client.GrantRoleAsync(name, role, grid);
        return Master.ClientWithToken(created.Token.Value);
    }
}
