using System.Net;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Auth;

/// <summary>Grid allowances: what a grid_admin lets the grid's grid_users ask for (PATCH /v1/grids/{grid}).</summary>
public sealed partial class HostOptionGateTests
{
    private const string DataBind = """
        name: data
        services:
          web:
            image: satama-test/busybox:latest
            privileged: true
            volumes:
              - /srv/data/web:/data
              - /srv/data/../database:/db
        """;

    [Fact]
    public async Task An_allowance_lets_a_grid_user_through_for_what_it_names_and_nothing_else()
    {
        var grid = (await Master.NewGridAsync()).Name;
        using var user = await ClientAsync(Roles.GridUser, grid);

        var updated = await Master.Client.UpdateGridAsync(grid, new GridUpdateRequest(Allow: ["privileged"], AllowBind: ["/srv/data/"]));
        var error = await Assert.ThrowsAsync<SatamaApiException>(() => user.InstallStackAsync(grid, File(DataBind)));
        var installed = await user.InstallStackAsync(grid, File(DataBind.Replace("\n      - /srv/data/../database:/db", "", StringComparison.Ordinal)));

        Assert.Equal(["privileged"], updated.AllowedOptions);
        Assert.Equal(["/srv/data"], updated.AllowedBinds);
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        var refused = Assert.Single(error.Detail!.Split('\n')[1..]);
        Assert.StartsWith("shop.yml:8:9: services.web.volumes[1]: bind mount of /srv/database on the node", refused);
        Assert.Equal(1, installed.Revision);
    }

    [Fact]
    public async Task Allowances_are_shown_taken_back_and_then_refused_again()
    {
        var grid = (await Master.NewGridAsync()).Name;
        using var user = await ClientAsync(Roles.GridUser, grid);
        await Master.Client.UpdateGridAsync(grid, new GridUpdateRequest(Allow: ["CAP_ADD:cap_sys_ptrace", "pid:host"], AllowBind: ["/srv"]));

        var shown = await Master.Client.GetGridAsync(grid);
        var taken = await Master.Client.UpdateGridAsync(grid, new GridUpdateRequest(Disallow: ["pid:host"], DisallowBind: ["/srv/"]));
        var error = await Assert.ThrowsAsync<SatamaApiException>(() =>
            user.CreateServiceAsync(grid, new ServiceCreateRequest("web", "busybox:1", Runtime: new RuntimeDto(Privileged: true))));

        Assert.Equal(["cap_add:SYS_PTRACE", "pid:host"], shown.AllowedOptions);
        Assert.Equal(["/srv"], shown.AllowedBinds);
        Assert.Equal(["cap_add:SYS_PTRACE"], taken.AllowedOptions);
        Assert.Empty(taken.AllowedBinds!);
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("--allow privileged", error.Detail);
    }

    [Fact]
    public async Task A_bad_change_of_the_allowances_names_every_problem_and_changes_nothing()
    {
        var grid = (await Master.NewGridAsync()).Name;
        await Master.Client.UpdateGridAsync(grid, new GridUpdateRequest(Allow: ["privileged"]));

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.UpdateGridAsync(grid,
            new GridUpdateRequest(Allow: ["root", "cap_add:CHOWN", "pid:host"], Disallow: ["sysctl:kernel.panic"], AllowBind: ["srv"], DisallowBind: ["/opt"])));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("host-level option 'root' is unknown; options: privileged, pid:host", error.Detail);
        Assert.Contains("cap_add:CHOWN needs no allowance", error.Detail);
        Assert.Contains("option 'sysctl:kernel.panic' is not allowed on the grid; allowed options: privileged", error.Detail);
        Assert.Contains("bind path 'srv' is not an absolute path", error.Detail);
        Assert.Contains("bind path '/opt' is not allowed on the grid: it allows no bind paths", error.Detail);
        var grid2 = await Master.Client.GetGridAsync(grid);
        Assert.Equal(["privileged"], grid2.AllowedOptions);
        Assert.Empty(grid2.AllowedBinds!);
    }

    [Fact]
    public async Task A_grid_user_may_not_change_the_allowances_of_its_grid()
    {
        var grid = (await Master.NewGridAsync()).Name;
        using var user = await ClientAsync(Roles.GridUser, grid);

        var error = await Assert.ThrowsAsync<SatamaApiException>(() => user.UpdateGridAsync(grid, new GridUpdateRequest(Allow: ["privileged"])));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Empty((await Master.Client.GetGridAsync(grid)).AllowedOptions!);
    }

    [Fact]
    public async Task The_agent_gets_the_bind_allowances_that_hold_its_container_s_binds_and_loses_them_when_taken_back()
    {
        var gridDto = await Master.NewGridAsync();
        var grid = gridDto.Name;
        await using var agent = await TestAgent.ConnectAsync(Master.Server, gridDto.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);
        await Eventually.UntilAsync(async () => (await Master.Client.GetNodeAsync(grid, "node-1")).Online, "node-1 online");
        await Master.Client.UpdateGridAsync(grid, new GridUpdateRequest(AllowBind: ["/srv/data", "/opt", "/var/run/docker.sock"]));

        await Master.Client.CreateServiceAsync(grid, new ServiceCreateRequest("plain", "busybox:1"));
        await Master.Client.InstallStackAsync(grid, File(DataBind.Replace("/srv/data/../database:/db", "/var/run/docker.sock:/s", StringComparison.Ordinal)));
        var allowed = (await agent.NextAsync(m => m.Desired?.Containers.Count == 2, "two containers")).Desired;
        await Master.Client.UpdateGridAsync(grid, new GridUpdateRequest(DisallowBind: ["/srv/data"]));
        var taken = (await agent.NextAsync(m => m.Desired?.Containers.Any(c => c.Service == "web" && c.AllowedBinds.Count == 1) == true, "one allowance left")).Desired;

        Assert.Equal(["/srv/data", "/var/run/docker.sock"], allowed.Containers.Single(c => c.Service == "web").AllowedBinds);
        Assert.Empty(allowed.Containers.Single(c => c.Service == "plain").AllowedBinds);
        Assert.Equal(allowed.Containers.Single(c => c.Service == "web").SpecHash, taken.Containers.Single(c => c.Service == "web").SpecHash);
    }
}
