using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.MasterLink;

public sealed class MasterLinkTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LinkHarness _h = new(output);

    public async Task InitializeAsync()
    {
        await TestImages.BusyboxAsync();
        await _h.StartMasterAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Hello_carries_the_token_and_node_info_and_heartbeats_follow_the_welcome()
    {
        var agent = await _h.StartAgentAsync();

        var session = await _h.Master.NextSessionAsync();
        await session.NextAsync(m => m.BodyCase == AgentMessage.BodyOneofCase.Heartbeat, "heartbeat");
        await session.NextAsync(m => m.Heartbeat?.Seq >= 3, "third heartbeat");

        var hello = session.Hello!;
        Assert.Equal("grid-token-" + _h.Master.Grid, hello.GridToken);
        Assert.Equal(_h.Node, hello.Node.Name);
        Assert.StartsWith("20.10", hello.Node.DockerVersion);
        Assert.True(hello.Node.Cpus > 0);
        Assert.True(hello.Node.MemoryBytes > 0);
        Assert.NotEmpty(hello.Node.StorageDriver);
        Assert.Equal("a", hello.Node.Labels["az"]);
        Assert.Equal(0ul, hello.AppliedVersion);
        Assert.True(agent.Connector.Connected);
    }

    [Fact]
    public async Task A_desired_set_from_the_master_is_applied_persisted_and_reported()
    {
        var desired = new DesiredSet { Version = 5 };
        desired.Containers.Add(_h.Container(_h.Master.Grid, 1, "httpd", "-f", "-p", "8080", "-h", "/www"));
        _h.Master.Desired = desired;
        await _h.StartAgentAsync();

        var session = await _h.Master.NextSessionAsync();
        var report = await session.NextAsync(
            m => m.Report?.Containers.Any(c => c.State == "running") == true,
            "report of a running container");

        var state = Assert.Single(report.Report.Containers);
        Assert.Equal(5ul, report.Report.DesiredVersion);
        Assert.Equal(desired.Containers[0].Name, state.Name);
        Assert.Equal("web", state.Service);
        Assert.Equal(1, state.Instance);
        Assert.NotEmpty(state.ContainerId);
        Assert.NotEmpty(state.IpAddress);
        Assert.True(File.Exists(Path.Combine(_h.DataDir, "desired.json")));
    }

    [Fact]
    public async Task The_agent_reconnects_after_the_master_drops_the_stream()
    {
        var desired = new DesiredSet { Version = 3 };
        _h.Master.Desired = desired;
        var agent = await _h.StartAgentAsync();
        var first = await _h.Master.NextSessionAsync();
        await first.NextAsync(m => m.BodyCase == AgentMessage.BodyOneofCase.Report, "first report");

        first.Drop();

        var second = await _h.Master.NextSessionAsync();
        Assert.Equal(3ul, second.Hello!.AppliedVersion);
        await second.NextAsync(m => m.BodyCase == AgentMessage.BodyOneofCase.Heartbeat, "heartbeat on the new link");
    }

    [Fact]
    public async Task A_half_open_link_is_detected_and_replaced()
    {
        _h.Master.Silent = true;
        _h.Master.HeartbeatTimeoutMs = 1500;
        var agent = await _h.StartAgentAsync();
        var first = await _h.Master.NextSessionAsync();

        await first.Ended.Task.WaitAsync(Eventually.DefaultTimeout);
        var second = await _h.Master.NextSessionAsync();

        Assert.True(first.AbortedByAgent);
        Assert.NotNull(second.Hello);
        Assert.Contains("Cancelled", agent.Connector.LastError);
    }

    [Fact]
    public async Task A_rejected_agent_records_the_reason_and_does_not_hammer_the_master()
    {
        _h.Master.RejectReason = "unknown grid token";
        var agent = await _h.StartAgentAsync();

        var session = await _h.Master.NextSessionAsync();
        await session.Ended.Task.WaitAsync(Eventually.DefaultTimeout);
        await Eventually.UntilAsync(() => Task.FromResult((agent.Connector.LastError == "rejected", agent.Connector.LastError ?? "none")), "the rejection recorded");

        Assert.Equal(1, agent.Connector.Sessions);
    }
}
