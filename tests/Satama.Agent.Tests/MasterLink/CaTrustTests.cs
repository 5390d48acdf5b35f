using Satama.Testing;

namespace Satama.Agent.Tests.MasterLink;

public sealed class CaTrustTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LinkHarness _h = new(output);

    public async Task InitializeAsync() => await _h.StartMasterAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Without_a_pin_the_first_CA_is_trusted_saved_and_required_afterwards()
    {
        var first = await _h.StartAgentAsync(pin: false);
        await _h.Master.NextSessionAsync();
        var saved = (await File.ReadAllTextAsync(Path.Combine(_h.DataDir, "ca-fingerprint"))).Trim();
        Assert.Equal(_h.Master.Certificates.CaFingerprint, saved);
        await first.StopAsync();

        var impostor = await _h.StartMasterAsync();
        var second = await _h.StartAgentAsync(impostor, pin: false);

        await Eventually.UntilAsync(
            () => Task.FromResult((second.Connector.Sessions >= 2 && second.Connector.LastError is not null, second.Connector.LastError ?? "none")),
            "two refused connection attempts");
        Assert.Empty(impostor.Sessions);
        Assert.False(second.Connector.Connected);
    }

    [Fact]
    public async Task A_wrong_pin_refuses_the_master()
    {
        var agent = await _h.StartAgentAsync(change: o => o with { CaFingerprint = new string('a', 64) });

        await Eventually.UntilAsync(
            () => Task.FromResult((agent.Connector.Sessions >= 2, agent.Connector.LastError ?? "none")),
            "two refused connection attempts");

        Assert.Empty(_h.Master.Sessions);
    }
}
