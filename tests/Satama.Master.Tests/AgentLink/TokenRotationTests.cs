using Satama.Master.Tests.Infrastructure;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.AgentLink;

public sealed class TokenRotationTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task A_rotated_token_admits_no_new_node_but_lets_the_grids_nodes_back()
    {
        var grid = await Master.NewGridAsync();
        await using (var known = await TestAgent.ConnectAsync(Master.Server, grid.Token, "known"))
        {
            await known.NextAsync(Body.Welcome);
        }

        var rotated = await Master.Client.RotateGridTokenAsync(grid.Name);

        Assert.NotEqual(grid.Token, rotated.Token);
        Assert.Contains(rotated.Token, rotated.JoinCommand);
        await using var stranger = await TestAgent.ConnectAsync(Master.Server, grid.Token, "stranger");
        Assert.Contains("rotated", (await stranger.NextAsync(Body.Rejected)).Rejected.Reason);
        await using var back = await TestAgent.ConnectAsync(Master.Server, grid.Token, "known");
        Assert.Equal(grid.Name, (await back.NextAsync(Body.Welcome)).Welcome.Grid);
        await using var newcomer = await TestAgent.ConnectAsync(Master.Server, rotated.Token, "newcomer");
        Assert.Equal(grid.Name, (await newcomer.NextAsync(Body.Welcome)).Welcome.Grid);
    }

    [Fact]
    public async Task Rotating_an_unknown_grid_names_the_grids_there_are()
    {
        var grid = await Master.NewGridAsync();

        var error = await Assert.ThrowsAsync<Satama.Client.SatamaApiException>(() => Master.Client.RotateGridTokenAsync("no-such-grid"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Status);
        Assert.Contains(grid.Name, error.Message);
    }
}
