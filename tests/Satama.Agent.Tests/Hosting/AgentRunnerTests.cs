using Satama.Agent.Tests.MasterLink;
using Satama.Core.Reconciling;
using Satama.Protocol;
using Satama.Testing;

namespace Satama.Agent.Tests.Hosting;

public sealed class AgentRunnerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LinkHarness _h = new(output);
    private DesiredContainer _web = null!;

    public async Task InitializeAsync()
    {
        await TestImages.BusyboxAsync();
        var master = await _h.StartMasterAsync();
        _web = _h.Container(master.Grid, 1, "httpd", "-f", "-p", "8080", "-h", "/www");
        master.Desired = new DesiredSet { Version = 2, Containers = { _web } };
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Stopping_the_agent_leaves_its_containers_running()
    {
        var agent = await _h.StartAgentAsync();
        var session = await _h.Master.NextSessionAsync();
        await session.NextAsync(m => m.Report?.Containers.Any(c => c.State == "running") == true, "container running");

        await agent.StopAsync();
        await agent.DisposeAsync();

        Assert.True(agent.Completion.IsCompletedSuccessfully);
        await session.Ended.Task.WaitAsync(Eventually.DefaultTimeout);
        Assert.True(session.ClosedByAgent);
        var state = await Shell.DockerAsync("inspect", "-f", "{{.State.Status}}", _web.Name);
        Assert.Equal("running", state.EnsureSuccess("inspect").Stdout.Trim());
    }

    [Fact]
    public async Task The_agent_keeps_reconciling_from_its_saved_desired_set_while_the_master_is_away()
    {
        var first = await _h.StartAgentAsync();
        var session = await _h.Master.NextSessionAsync();
        await session.NextAsync(m => m.Report?.Containers.Any(c => c.State == "running") == true, "container running");
        await first.StopAsync();
        await _h.Master.DisposeAsync();

        var second = await _h.StartAgentAsync();
        await Eventually.UntilAsync(
            () => Task.FromResult((second.Reconciler.LastReport is not null, "no pass yet")),
            "a reconcile pass without the master");
        (await Shell.DockerAsync("kill", _web.Name)).EnsureSuccess("docker kill");

        await Eventually.UntilAsync(() =>
        {
            var line = second.Reconciler.LastReport?.Containers.SingleOrDefault(c => c.Name == _web.Name);
            return Task.FromResult((line is { RestartCount: 1, Actual.State: ContainerRunState.Running }, $"{line?.Actual?.State} restarts {line?.RestartCount}"));
        }, "the killed container restarted without the master");
        Assert.False(second.Connector.Connected);
        Assert.Equal(2ul, second.Reconciler.DesiredVersion);
    }
}
