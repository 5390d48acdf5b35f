using Satama.Core.Security;
using Satama.Master.Store;

namespace Satama.Master.Auth;

/// <summary>Role grants: each change of a user's roles is one write, checked against what it read.</summary>
internal sealed partial class Identity
{
    /// <summary>
    /// Adds (grant) or removes a role of a user; the user after it and when it was created, or null when
    /// the user is gone, or (a grant on a grid) the grid is: a grant lands only while its grid row is the
    /// one that was read, so a grid removed meanwhile does not leave a grant for a later grid of its name.
    /// </summary>
    public async Task<(UserDocument User, DateTimeOffset Created)?> ChangeRolesAsync(string user, RoleBinding binding, bool grant, CancellationToken ct)
    {
        var isGridGrant = grant && Roles.IsGridRole(binding.Role);
        StoredResource? current = null;
        var commit = await store.CommitWithRetryAsync(async ct =>
        {
            current = await store.GetAsync(IdentityKinds.User, "", user, ct);
            var grid = isGridGrant ? await store.GetAsync(ResourceKinds.Grid, "", binding.Grid, ct) : null;
            if (current is null || (isGridGrant && grid is null))
            {
                current = null;
                return null;
            }
            var spec = StoreJson.Write(WithRole(StoreJson.Read<UserDocument>(current.Spec), binding, grant));
            if (spec == current.Spec)
            {
                return null;
            }
            var work = new UnitOfWork().Update(IdentityKinds.User, "", user, current.Revision, spec, null);
            return grid is null ? work : work.Require(grid);
        }, ct);
        var row = commit?.Rows[0] ?? current;
        return row is null ? null : (StoreJson.Read<UserDocument>(row.Spec), row.Created);
    }

    /// <summary>
    /// Takes master_admin from <paramref name="user"/>: the user after it, or why not (<see cref="NotFound"/>: no such
    /// user). The write holds only while another master admin keeps the role, so two admins revoking each other
    /// at once cannot leave the master without one.
    /// </summary>
    public async Task<((UserDocument User, DateTimeOffset Created)? Changed, string? Refused)> RevokeMasterAdminAsync(string user, CancellationToken ct)
    {
        string? refused = null;
        var commit = await store.CommitWithRetryAsync(async ct =>
        {
            var row = await store.GetAsync(IdentityKinds.User, "", user, ct);
            var document = row is null ? null : StoreJson.Read<UserDocument>(row.Spec);
            refused = document is null ? NotFound : document.IsMasterAdmin ? null : $"user '{user}' is not a master_admin";
            if (refused is not null)
            {
                return null;
            }
            var work = new UnitOfWork().Update(IdentityKinds.User, "", user, row!.Revision,
                StoreJson.Write(WithRole(document!, new RoleBinding(Roles.MasterAdmin, ""), grant: false)), null);
            if (await RequireOtherMasterAdminsAsync(work, user, ct) == 0)
            {
                refused = $"user '{user}' is the last master_admin; grant master_admin to another user first";
                return null;
            }
            return work;
        }, ct);
        return commit?.Rows[0] is { } written ? ((StoreJson.Read<UserDocument>(written.Spec), written.Created), null) : (null, refused);
    }

    /// <summary>Adds to <paramref name="work"/> the revocation of every role held on <paramref name="grid"/> (the grid is being removed in it).</summary>
    public async Task AddGridRoleRevocationsAsync(UnitOfWork work, string grid, CancellationToken ct)
    {
        foreach (var row in await store.ListAsync(IdentityKinds.User, "", ct))
        {
            var user = StoreJson.Read<UserDocument>(row.Spec);
            if (user.Roles.Any(r => r.Grid == grid && Roles.IsGridRole(r.Role)))
            {
                var kept = user with { Roles = [.. user.Roles.Where(r => r.Grid != grid || !Roles.IsGridRole(r.Role))] };
                work.Update(IdentityKinds.User, "", row.Name, row.Revision, StoreJson.Write(kept), null);
            }
        }
    }

    private static UserDocument WithRole(UserDocument document, RoleBinding binding, bool grant)
    {
        var roles = document.Roles.Where(r => r != binding).ToList();
        if (grant)
        {
            roles.Add(binding);
        }
        roles = [.. roles.OrderBy(r => r.Grid, StringComparer.Ordinal).ThenByDescending(r => Roles.Rank(r.Role))];
        return document with { Roles = roles };
    }
}
