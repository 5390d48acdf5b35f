using Microsoft.Extensions.DependencyInjection;
using Satama.Core.Security;
using Satama.Master.Auth;
using Satama.Master.Store;
using Satama.Master.Tests.Infrastructure;
using Satama.Testing;

namespace Satama.Master.Tests.Api;

public sealed class GridDeleteTests(MasterFixture fixture) : IClassFixture<MasterFixture>
{
    private TestMaster Master => fixture.Master;

    [Fact]
    public async Task A_grid_and_its_role_grants_are_removed_in_one_write()
    {
        var grid = (await Master.NewGridAsync()).Name;
        var other = (await Master.NewGridAsync()).Name;
        var ann = UniqueNames.Next("u");
        var bob = UniqueNames.Next("u");
        await Master.Client.CreateUserAsync(ann);
        await Master.Client.CreateUserAsync(bob);
        await Master.Client.GrantRoleAsync(ann, Roles.GridAdmin, grid);
        await Master.Client.GrantRoleAsync(bob, Roles.Viewer, grid);
        await Master.Client.GrantRoleAsync(bob, Roles.GridUser, other);

        await Master.Client.DeleteGridAsync(grid);

        var store = Master.Server.Services.GetRequiredService<IStore>();
        var annRow = (await store.GetAsync(IdentityKinds.User, "", ann))!;
        var bobRow = (await store.GetAsync(IdentityKinds.User, "", bob))!;
        // One unit of work gives every row it writes the same revision; separate writes would not.
        Assert.Equal(annRow.Revision, bobRow.Revision);
        Assert.Empty(StoreJson.Read<UserDocument>(annRow.Spec).Roles);
        Assert.Equal(new RoleBinding(Roles.GridUser, other), Assert.Single(StoreJson.Read<UserDocument>(bobRow.Spec).Roles));
        Assert.Null(await store.GetAsync(ResourceKinds.Grid, "", grid));
    }

    [Fact]
    public async Task A_grant_on_a_removed_grid_is_a_404_naming_the_grids_there_are()
    {
        var grid = (await Master.NewGridAsync()).Name;
        var user = UniqueNames.Next("u");
        await Master.Client.CreateUserAsync(user);
        await Master.Client.DeleteGridAsync(grid);

        var error = await Assert.ThrowsAsync<Satama.Client.SatamaApiException>(() => Master.Client.GrantRoleAsync(user, Roles.Viewer, grid));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Status);
        Assert.DoesNotContain(await Master.Client.ListRolesAsync(), r => r.User == user);
    }
}
