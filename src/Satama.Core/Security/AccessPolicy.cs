namespace Satama.Core.Security;

/// <summary>
/// The one authorization rule: a caller's rank on a grid is the highest of its roles there
/// (master_admin counts on every grid), capped by its token's role when the token has one; an
/// endpoint admits the caller when that rank reaches what its <see cref="Access"/> needs.
/// </summary>
public static class AccessPolicy
{
    /// <summary>The caller's rank on <paramref name="grid"/> (null: master-wide, only master_admin counts).</summary>
    public static int RankOn(IEnumerable<RoleBinding> bindings, string? tokenRole, string? grid)
    {
        var rank = 0;
        foreach (var binding in bindings)
        {
            if (binding.Role == Roles.MasterAdmin
                || (grid is not null && Roles.IsGridRole(binding.Role) && string.Equals(binding.Grid, grid, StringComparison.Ordinal)))
            {
                rank = Math.Max(rank, Roles.Rank(binding.Role));
            }
        }
        return tokenRole is null ? rank : Math.Min(rank, Roles.Rank(tokenRole));
    }

    /// <summary>Does the caller get <paramref name="access"/> on <paramref name="grid"/>?</summary>
    public static bool Allows(IReadOnlyCollection<RoleBinding> bindings, string? tokenRole, Access access, string? grid) => access switch
    {
        Access.Public or Access.Agent or Access.Authenticated => true,
        Access.MasterAdmin => RankOn(bindings, tokenRole, null) >= Roles.Needed(access),
        _ => grid is not null && RankOn(bindings, tokenRole, grid) >= Roles.Needed(access),
    };

    /// <summary>The highest role the caller holds anywhere, capped by its token: what it may put on a new token.</summary>
    public static int HighestRank(IEnumerable<RoleBinding> bindings, string? tokenRole)
    {
        var highest = bindings.Select(b => Roles.Rank(b.Role)).DefaultIfEmpty(0).Max();
        return tokenRole is null ? highest : Math.Min(highest, Roles.Rank(tokenRole));
    }
}
