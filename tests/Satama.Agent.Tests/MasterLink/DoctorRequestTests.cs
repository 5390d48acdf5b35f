using Satama.Protocol;

namespace Satama.Agent.Tests.MasterLink;

/// <summary>The agent's side of the node preflight: its facts ride on Hello, and a DoctorRequest gets fresh ones.</summary>
public sealed class DoctorRequestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LinkHarness _h = new(output);
    private TestMasterSession _session = null!;

    public async Task InitializeAsync()
    {
        var master = await _h.StartMasterAsync();
        await _h.StartAgentAsync();
        _session = await master.NextSessionAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public void Hello_carries_the_preflight_facts_and_the_agents_clock()
    {
        var info = _session.Hello!.Node;

        Assert.NotEmpty(info.DockerRootDir);
        Assert.NotEmpty(info.DriverStatus);
        Assert.True(info.HasDiskFreeBytes && info.HasDiskTotalBytes);
        Assert.True(info.LogOptionsKnown);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - info.ClockUnixMs, 0, 120_000);
    }

    [Fact]
    public async Task A_doctor_request_is_answered_with_fresh_facts()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await _session.SendAsync(new MasterMessage { DoctorRequest = new DoctorRequest { RequestId = "d1" } });
        var answer = (await _session.NextAsync(m => m.DoctorFacts?.RequestId == "d1", "doctor facts")).DoctorFacts;

        Assert.Empty(answer.Error);
        Assert.Equal(_h.Node, answer.Node.Name);
        Assert.NotEmpty(answer.Node.StorageDriver);
        Assert.NotEmpty(answer.Node.DockerVersion);
        Assert.NotEmpty(answer.Node.DockerRootDir);
        Assert.True(answer.Node.HasDiskFreeBytes);
        Assert.True(answer.Node.ClockUnixMs >= before);
    }
}
