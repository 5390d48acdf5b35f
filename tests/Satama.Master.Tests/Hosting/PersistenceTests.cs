using Satama.Client.Dtos;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Hosting;

public sealed class PersistenceTests
{
    [Fact]
    public async Task A_restarted_master_keeps_grids_services_admin_token_CA_and_last_known_containers()
    {
        using var data = new TempDirectory("satama-master-");
        string token, fingerprint, gridName, gridToken;
        await using (var first = await TestMaster.StartAsync(data.Path))
        {
            var grid = await first.NewGridAsync();
            (token, fingerprint, gridName, gridToken) = (first.Server.AdminToken, first.Server.CaFingerprint, grid.Name, grid.Token);
            await first.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));
            await first.Client.RestartServiceAsync(grid.Name, "null", "web");
            await using var agent = await TestAgent.ConnectAsync(first.Server, grid.Token, "node-1");
            await agent.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1");
            var report = new Protocol.ContainerReport();
            report.Containers.Add(new Protocol.ContainerState { Name = $"{grid.Name}.null.web-1", ContainerId = "id1", Grid = grid.Name, Stack = "null", Service = "web", Instance = 1, Revision = 2, State = "running" });
            await agent.SendAsync(new Protocol.AgentMessage { Report = report });
            await Eventually.UntilAsync(async () => (await first.Client.GetServiceAsync(grid.Name, "null", "web")).Running == 1, "web-1 running");
        }

        await using var second = await TestMaster.StartAsync(data.Path);

        Assert.Equal(token, second.Server.AdminToken);
        Assert.Equal(fingerprint, second.Server.CaFingerprint);
        var details = await second.Client.GetGridAsync(gridName);
        Assert.Equal(gridToken, details.Token);
        var service = await second.Client.GetServiceAsync(gridName, "null", "web");
        Assert.Equal(2, service.Revision);
        Assert.Equal("node-1", service.InstanceList[0].Node);
        Assert.Equal("running", service.InstanceList[0].State);
        var node = await second.Client.GetNodeAsync(gridName, "node-1");
        Assert.False(node.Online);
    }

    [Fact]
    public async Task An_agent_reconnecting_to_a_restarted_master_gets_a_higher_version_for_the_same_set()
    {
        using var data = new TempDirectory("satama-master-");
        ulong before;
        string gridToken;
        await using (var first = await TestMaster.StartAsync(data.Path))
        {
            var grid = await first.NewGridAsync();
            gridToken = grid.Token;
            await first.Client.CreateServiceAsync(grid.Name, new ServiceCreateRequest("web", "nginx", 1));
            await using var agent = await TestAgent.ConnectAsync(first.Server, grid.Token, "node-1");
            before = (await agent.NextAsync(m => m.Desired?.Containers.Count == 1, "web-1")).Desired.Version;
        }

        await using var second = await TestMaster.StartAsync(data.Path);
        await using var again = await TestAgent.ConnectAsync(second.Server, gridToken, "node-1", appliedVersion: before);
        var after = (await again.NextAsync(Body.Desired)).Desired;

        Assert.True(after.Version > before);
        Assert.Single(after.Containers);
    }
}
