using System.Net;
using Satama.Client;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Auth;

/// <summary>Node credentials: issued at join, presented on reconnect, revoked by node rm at once.</summary>
public sealed class NodeCredentialTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task A_join_with_the_grid_token_gets_a_credential_and_a_reconnect_with_it_gets_none()
    {
        var grid = await Master.NewGridAsync();
        string credential;
        await using (var first = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: ""))
        {
            credential = (await first.NextAsync(Body.Welcome)).Welcome.NodeCredential;
        }
        Assert.NotEmpty(credential);

        await using var again = await TestAgent.ConnectAsync(Master.Server, "", "node-1", credential: credential);

        var welcome = (await again.NextAsync(Body.Welcome)).Welcome;
        Assert.Equal(grid.Name, welcome.Grid);
        Assert.Empty(welcome.NodeCredential);
    }

    [Fact]
    public async Task The_store_keeps_only_the_credential_s_hash()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: "");
        var credential = (await agent.NextAsync(Body.Welcome)).Welcome.NodeCredential;

        var database = await ReadSharedAsync(Path.Combine(Master.DataDir, "satama.db"));

        Assert.DoesNotContain(credential, database, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_node_is_refused_even_with_its_credential()
    {
        var grid = await Master.NewGridAsync();
        string credential;
        await using (var first = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: ""))
        {
            credential = (await first.NextAsync(Body.Welcome)).Welcome.NodeCredential;
        }
        await Eventually.UntilAsync(async () => !(await Master.Client.GetNodeAsync(grid.Name, "node-1")).Online, "the node goes offline");

        await Master.Client.DeleteNodeAsync(grid.Name, "node-1");

        await using var back = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: credential);
        var rejected = (await back.NextAsync(Body.Rejected)).Rejected;
        Assert.True(rejected.CredentialRevoked);
        Assert.Contains("removed", rejected.Reason);
        Assert.Empty(await Master.Client.ListNodesAsync(grid.Name));
    }

    [Fact]
    public async Task Removing_an_online_node_with_force_disconnects_it_and_refuses_it()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: "");
        var credential = (await agent.NextAsync(Body.Welcome)).Welcome.NodeCredential;
        agent.StartHeartbeats(TimeSpan.FromMilliseconds(200));

        var refused = await Assert.ThrowsAsync<SatamaApiException>(() => Master.Client.DeleteNodeAsync(grid.Name, "node-1"));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("--force", refused.Detail);

        await Master.Client.DeleteNodeAsync(grid.Name, "node-1", force: true);

        await agent.Ended.WaitAsync(TimeSpan.FromSeconds(30));
        await using var back = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: credential);
        Assert.True((await back.NextAsync(Body.Rejected)).Rejected.CredentialRevoked);
        Assert.Empty(await Master.Client.ListNodesAsync(grid.Name));
    }

    [Fact]
    public async Task After_a_rotation_a_node_reconnects_with_its_credential_and_the_old_token_admits_nobody_new()
    {
        var grid = await Master.NewGridAsync();
        string credential;
        await using (var first = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: ""))
        {
            credential = (await first.NextAsync(Body.Welcome)).Welcome.NodeCredential;
        }
        await Master.Client.RotateGridTokenAsync(grid.Name);

        await using var back = await TestAgent.ConnectAsync(Master.Server, "", "node-1", credential: credential);
        Assert.Equal(grid.Name, (await back.NextAsync(Body.Welcome)).Welcome.Grid);
        await using var stranger = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-2", credential: "");
        Assert.Contains("rotated", (await stranger.NextAsync(Body.Rejected)).Rejected.Reason);
    }

    [Fact]
    public async Task The_grid_token_cannot_take_over_a_node_that_is_online_with_its_credential()
    {
        var grid = await Master.NewGridAsync();
        await using var owner = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: "");
        await owner.NextAsync(Body.Welcome);
        owner.StartHeartbeats(TimeSpan.FromMilliseconds(200));

        await using var impostor = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: "");

        Assert.Contains("online with its node credential", (await impostor.NextAsync(Body.Rejected)).Rejected.Reason);
        Assert.True((await Master.Client.GetNodeAsync(grid.Name, "node-1")).Online);
    }

    [Fact]
    public async Task An_unknown_credential_is_refused()
    {
        var grid = await Master.NewGridAsync();

        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: "made-up");

        Assert.True((await agent.NextAsync(Body.Rejected)).Rejected.CredentialRevoked);
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }
        return text.ToString();
    }
}
