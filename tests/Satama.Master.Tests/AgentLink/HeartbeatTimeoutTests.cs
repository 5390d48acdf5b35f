using Satama.Master.Tests.Infrastructure;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.AgentLink;

public sealed class HeartbeatTimeoutTests
{
    [Fact]
    public async Task A_silent_agent_is_marked_offline_after_the_heartbeat_timeout_and_its_stream_ends()
    {
        await using var master = await TestMaster.StartAsync(heartbeatTimeout: TimeSpan.FromSeconds(1));
        var grid = await master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(master.Server, grid.Token, "quiet");
        await agent.NextAsync(Body.Welcome);

        await Eventually.UntilAsync(async () => !(await master.Client.GetNodeAsync(grid.Name, "quiet")).Online, "quiet offline");
        await agent.Ended.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_agent_that_keeps_sending_heartbeats_stays_online()
    {
        // Generous against a loaded CI machine: a stall over 3 s would drop even a healthy link.
        await using var master = await TestMaster.StartAsync(heartbeatTimeout: TimeSpan.FromSeconds(3));
        var grid = await master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(master.Server, grid.Token, "chatty");
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(100));
        await agent.NextAsync(Body.Welcome);

        // Several timeouts' worth of acks: the link is alive the whole time.
        for (var i = 0; i < 50; i++)
        {
            await agent.NextAsync(Body.HeartbeatAck);
        }

        Assert.True((await master.Client.GetNodeAsync(grid.Name, "chatty")).Online);
        Assert.False(agent.Ended.IsCompleted);
    }
}
