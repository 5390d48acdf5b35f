using Satama.Core.Security;

namespace Satama.Core.Tests.Security;

public sealed class AccessPolicyTests
{
    private static readonly RoleBinding[] s_gridUserOnProd = [new(Roles.GridUser, "prod")];
    private static readonly RoleBinding[] s_masterAdmin = [new(Roles.MasterAdmin, "")];

    [Theory]
    [InlineData(Access.Viewer, "prod", true)]
    [InlineData(Access.GridUser, "prod", true)]
    [InlineData(Access.GridAdmin, "prod", false)]
    [InlineData(Access.MasterAdmin, null, false)]
    [InlineData(Access.Viewer, "dev", false)]
    [InlineData(Access.Authenticated, null, true)]
    [InlineData(Access.Viewer, null, false)]
    public void A_grid_role_counts_on_its_grid_only_and_includes_the_roles_below(Access access, string? grid, bool allowed) =>
        Assert.Equal(allowed, AccessPolicy.Allows(s_gridUserOnProd, null, access, grid));

    [Theory]
    [InlineData(Access.GridAdmin, "any")]
    [InlineData(Access.MasterAdmin, null)]
    public void A_master_admin_may_do_everything_everywhere(Access access, string? grid) =>
        Assert.True(AccessPolicy.Allows(s_masterAdmin, null, access, grid));

    [Fact]
    public void A_token_role_caps_what_its_user_may_do()
    {
        Assert.True(AccessPolicy.Allows(s_masterAdmin, Roles.Viewer, Access.Viewer, "prod"));
        Assert.False(AccessPolicy.Allows(s_masterAdmin, Roles.Viewer, Access.GridUser, "prod"));
        Assert.False(AccessPolicy.Allows(s_masterAdmin, Roles.GridAdmin, Access.MasterAdmin, null));
        Assert.False(AccessPolicy.Allows(s_gridUserOnProd, Roles.MasterAdmin, Access.GridAdmin, "prod"));
    }

    [Fact]
    public void The_highest_rank_is_capped_by_the_token()
    {
        Assert.Equal(Roles.Rank(Roles.GridUser), AccessPolicy.HighestRank(s_gridUserOnProd, null));
        Assert.Equal(Roles.Rank(Roles.Viewer), AccessPolicy.HighestRank(s_masterAdmin, Roles.Viewer));
        Assert.Equal(0, AccessPolicy.HighestRank([], null));
    }

    [Fact]
    public void Roles_are_checked_and_ranked()
    {
        Assert.Null(Roles.Check(Roles.Viewer));
        Assert.Contains("master_admin, grid_admin, grid_user, viewer", Roles.Check("root"));
        Assert.True(Roles.IsGridRole(Roles.GridAdmin));
        Assert.False(Roles.IsGridRole(Roles.MasterAdmin));
        Assert.Equal([4, 3, 2, 1], Roles.All.Select(Roles.Rank));
    }
}
