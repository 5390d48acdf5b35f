using Satama.E2E.Fixtures;
using Satama.Testing;
using Satama.Testing.Platform;

namespace Satama.E2E.Auth;

/// <summary>A real agent keeps its node credential and stays out once its node is removed, though it still holds the grid token.</summary>
[Collection(EngineCollection.Name)]
public sealed class NodeRemovalTests(MasterProcess master)
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_node_removed_while_online_is_disconnected_and_its_agent_is_refused_from_then_on()
    {
        await using var agent = await GridAgent.StartAsync(master);
        var credential = Path.Combine(agent.DataDir, "node-credential");
        // The master counts the node online at its Hello; the agent saves the credential when the Welcome arrives, just after.
        await Eventually.UntilAsync(() => Task.FromResult(File.Exists(credential)), "the agent to save its node credential");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credential));

        await master.Client.DeleteNodeAsync(agent.Grid, agent.Node, force: true);

        await Eventually.UntilAsync(() => Task.FromResult((agent.Output.Contains("refused this node's credential", StringComparison.Ordinal), agent.Output[^Math.Min(400, agent.Output.Length)..])),
            "the agent to be refused");
        Assert.Empty(await master.Client.ListNodesAsync(agent.Grid));
        var events = await master.Client.ListAuditAsync(new Client.Dtos.AuditQuery(Grid: agent.Grid));
        Assert.Contains(events, e => e.Action == "node.join" && e.Actor == $"node:{agent.Grid}/{agent.Node}");
        Assert.Contains(events, e => e.Action == "node.delete" && e.Actor == "admin");
    }
}
