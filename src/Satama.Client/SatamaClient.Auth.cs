using Satama.Client.Dtos;

namespace Satama.Client;

/// <summary>Users, tokens and roles (docs/security.md).</summary>
public sealed partial class SatamaClient
{
    public Task<WhoAmIDto> WhoAmIAsync(CancellationToken ct = default) => GetAsync<WhoAmIDto>("v1/me", ct);

    public Task<IReadOnlyList<UserDto>> ListUsersAsync(CancellationToken ct = default) => GetAsync<IReadOnlyList<UserDto>>("v1/users", ct);

    /// <summary>Creates a user without roles; the answer carries its first token, shown once.</summary>
    public Task<UserCreatedDto> CreateUserAsync(string name, CancellationToken ct = default) =>
        SendAsync<UserCreatedDto>(HttpMethod.Post, "v1/users", new UserCreateRequest(name), ct);

    public Task DeleteUserAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"v1/users/{E(name)}", null, ct);

    /// <summary>The caller's tokens, or (master_admin) those of <paramref name="user"/>.</summary>
    public Task<IReadOnlyList<TokenDto>> ListTokensAsync(string? user = null, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<TokenDto>>(user is null ? "v1/tokens" : $"v1/users/{E(user)}/tokens", ct);

    /// <summary>A new token of the caller, or (master_admin) of <paramref name="user"/>; its value is in the answer only.</summary>
    public Task<TokenCreatedDto> CreateTokenAsync(TokenCreateRequest request, string? user = null, CancellationToken ct = default) =>
        SendAsync<TokenCreatedDto>(HttpMethod.Post, user is null ? "v1/tokens" : $"v1/users/{E(user)}/tokens", request, ct);

    public Task RevokeTokenAsync(string id, string? user = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, user is null ? $"v1/tokens/{E(id)}" : $"v1/users/{E(user)}/tokens/{E(id)}", null, ct);

    /// <summary>Every grant (master_admin), or those of one grid (its grid_admin).</summary>
    public Task<IReadOnlyList<RoleBindingDto>> ListRolesAsync(string? grid = null, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<RoleBindingDto>>(grid is null ? "v1/roles" : $"v1/grids/{E(grid)}/roles", ct);

    /// <summary>Grants a grid role on <paramref name="grid"/>, or master_admin when <paramref name="grid"/> is null.</summary>
    public Task<UserDto> GrantRoleAsync(string user, string role, string? grid, CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Put, RolePath(user, role, grid), null, ct);

    public Task<UserDto> RevokeRoleAsync(string user, string role, string? grid, CancellationToken ct = default) =>
        SendAsync<UserDto>(HttpMethod.Delete, RolePath(user, role, grid), null, ct);

    /// <summary>Removes a node and revokes its credential; <paramref name="force"/> removes an online node too (it is disconnected).</summary>
    public Task DeleteNodeAsync(string grid, string node, bool force, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"v1/grids/{E(grid)}/nodes/{E(node)}" + (force ? "?force=true" : ""), null, ct);

    private static string RolePath(string user, string role, string? grid) =>
        grid is null && role == "master_admin" ? $"v1/users/{E(user)}/master-admin" : $"v1/grids/{E(grid ?? "")}/roles/{E(user)}/{E(role)}";
}
