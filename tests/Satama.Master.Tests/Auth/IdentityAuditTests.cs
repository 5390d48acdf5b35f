using System.Text.Json;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.Tests.Infrastructure;
using Body = Satama.Protocol.MasterMessage.BodyOneofCase;

namespace Satama.Master.Tests.Auth;

/// <summary>The audit actor is the user (or the node); identity changes are audited by name, never with a token value.</summary>
public sealed class IdentityAuditTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task A_user_s_change_is_recorded_under_its_name()
    {
        var grid = await Master.NewGridAsync();
        var user = Testing.UniqueNames.Next("u");
        var created = await Master.Client.CreateUserAsync(user);
        await Master.Client.GrantRoleAsync(user, Roles.GridAdmin, grid.Name);
        using var client = Master.ClientWithToken(created.Token.Value);

        await client.WriteSecretAsync(grid.Name, "API_KEY", "s3cret");

        var events = await Master.Client.ListAuditAsync(new AuditQuery(Grid: grid.Name));
        var write = Assert.Single(events, e => e.Action == "secret.create");
        Assert.Equal(user, write.Actor);
        var grant = Assert.Single(events, e => e.Action == "role.grant");
        Assert.Equal("admin", grant.Actor);
        Assert.Equal($"{user}/{Roles.GridAdmin}", grant.Resource);
    }

    [Fact]
    public async Task Users_and_tokens_are_audited_without_token_values()
    {
        var user = Testing.UniqueNames.Next("u");
        var created = await Master.Client.CreateUserAsync(user);
        var token = await Master.Client.CreateTokenAsync(new TokenCreateRequest("ci"), user);
        await Master.Client.RevokeTokenAsync(token.Token.Id, user);
        await Master.Client.DeleteUserAsync(user);

        var events = (await Master.Client.ListAuditAsync(new AuditQuery(Limit: 1000))).Where(e => e.Resource.StartsWith(user, StringComparison.Ordinal)).ToList();
        var text = JsonSerializer.Serialize(events, SatamaClient.Json);

        Assert.Equal(["user.create", "token.create", "token.revoke", "user.delete"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal("admin", e.Actor));
        Assert.DoesNotContain(created.Token.Value, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Value, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_s_join_is_recorded_with_the_node_as_actor()
    {
        var grid = await Master.NewGridAsync();
        await using var agent = await TestAgent.ConnectAsync(Master.Server, grid.Token, "node-1", credential: "");
        var credential = (await agent.NextAsync(Body.Welcome)).Welcome.NodeCredential;

        var join = Assert.Single(await Master.Client.ListAuditAsync(new AuditQuery(Grid: grid.Name)), e => e.Action == "node.join");

        Assert.Equal($"node:{grid.Name}/node-1", join.Actor);
        Assert.Equal("node-1", join.Resource);
        Assert.Equal("127.0.0.1", join.Source);
        Assert.DoesNotContain(credential, JsonSerializer.Serialize(join, SatamaClient.Json), StringComparison.Ordinal);
        Assert.True((await Master.Client.VerifyAuditAsync()).Ok);
    }
}
