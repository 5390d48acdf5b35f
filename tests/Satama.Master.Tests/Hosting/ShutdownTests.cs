using Satama.Master.Tests.Infrastructure;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_master_ends_agent_links_instead_of_waiting_for_them()
    {
        var master = await TestMaster.StartAsync();
        var grid = await master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(master.Server, grid.Token, "node-1");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));
        await agent.NextAsync(Body.Welcome);

        // Kestrel's default shutdown timeout is 30 s; a link that held the stop would exceed 20 s.
        await master.Server.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        await master.Server.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        await agent.Ended.WaitAsync(TimeSpan.FromSeconds(20));
        await master.DisposeAsync();
    }
}
