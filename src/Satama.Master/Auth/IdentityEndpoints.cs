using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Core.Security;
using Satama.Master.Api;
using Satama.Master.Store;

namespace Satama.Master.Auth;

/// <summary>/v1/me, /v1/users, /v1/tokens and the role grants: who may do what.</summary>
internal static class IdentityEndpoints
{
    public const string DefaultTokenName = "token";

    public static void MapIdentityEndpoints(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/me", Me).WithTags("Identity").Produces<WhoAmIDto>().RequireAccess(Access.Authenticated);

        var users = v1.MapGroup("/users").WithTags("Identity");
        users.MapGet("", ListUsersAsync).Produces<List<UserDto>>().RequireAccess(Access.MasterAdmin);
        users.MapPost("", CreateUserAsync).Produces<UserCreatedDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.MasterAdmin);
        users.MapDelete("/{user}", DeleteUserAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.MasterAdmin);
        users.MapGet("/{user}/tokens", ListUserTokensAsync).Produces<List<TokenDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.MasterAdmin);
        users.MapPost("/{user}/tokens", CreateUserTokenAsync).Produces<TokenCreatedDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.MasterAdmin);
        users.MapDelete("/{user}/tokens/{token}", RevokeUserTokenAsync).Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.MasterAdmin);
        users.MapPut("/{user}/master-admin", GrantMasterAdminAsync).Produces<UserDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.MasterAdmin);
        users.MapDelete("/{user}/master-admin", RevokeMasterAdminAsync).Produces<UserDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.MasterAdmin);

        var tokens = v1.MapGroup("/tokens").WithTags("Identity");
        tokens.MapGet("", ListOwnTokensAsync).Produces<List<TokenDto>>().RequireAccess(Access.Authenticated);
        tokens.MapPost("", CreateOwnTokenAsync).Produces<TokenCreatedDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAccess(Access.Authenticated);
        tokens.MapDelete("/{token}", RevokeOwnTokenAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAccess(Access.Authenticated);

        v1.MapGet("/roles", ListRolesAsync).WithTags("Identity").Produces<List<RoleBindingDto>>().RequireAccess(Access.MasterAdmin);
        var gridRoles = v1.MapGroup("/grids/{grid}/roles").WithTags("Identity");
        gridRoles.MapGet("", ListGridRolesAsync).Produces<List<RoleBindingDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridAdmin);
        gridRoles.MapPut("/{user}/{role}", GrantGridRoleAsync).Produces<UserDto>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridAdmin);
        gridRoles.MapDelete("/{user}/{role}", RevokeGridRoleAsync).Produces<UserDto>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridAdmin);
    }

    private static IResult Me(HttpContext http)
    {
        var caller = CallerOf(http);
        return TypedResults.Ok(new WhoAmIDto(caller.User, [.. caller.Roles.Select(r => Binding(caller.User, r))], caller.TokenId, caller.TokenRole));
    }

    private static async Task<IResult> ListUsersAsync(Identity identity, CancellationToken ct)
    {
        var tokens = await identity.ListTokensAsync(null, ct);
        var users = await identity.ListUsersAsync(ct);
        return TypedResults.Ok(users.Select(u => User(u.Name, u.User, u.Created, tokens.Count(t => t.Token.User == u.Name))).ToList());
    }

    private static async Task<IResult> CreateUserAsync(UserCreateRequest request, Identity identity, HttpContext http, CancellationToken ct)
    {
        if (Names.Check("user", request.Name) is { } error)
        {
            return Problems.BadRequest(error);
        }
        // The first token is made by the caller's token too: it expires no later than that one.
        var (expires, capped) = TokenExpiry.Cap(null, CallerOf(http).TokenExpires);
        if (await identity.CreateUserAsync(request.Name, DefaultTokenName, expires, ct) is not { } issued)
        {
            return Problems.Conflict($"user '{request.Name}' already exists");
        }
        var user = User(request.Name, new UserDocument([]), issued.Created, 1);
        return TypedResults.Created($"/v1/users/{request.Name}", new UserCreatedDto(user, Created(issued, capped)));
    }

    private static async Task<IResult> DeleteUserAsync(string user, Identity identity, CancellationToken ct)
    {
        var refused = await identity.DeleteUserAsync(user, ct);
        return refused switch
        {
            null => TypedResults.NoContent(),
            Identity.NotFound => await UserNotFoundAsync(identity, user, ct),
            _ => Problems.Conflict(refused),
        };
    }

    private static async Task<IResult> ListUserTokensAsync(string user, Identity identity, HttpContext http, CancellationToken ct) =>
        await identity.FindUserAsync(user, ct) is null
            ? await UserNotFoundAsync(identity, user, ct)
            : TypedResults.Ok((await identity.ListTokensAsync(user, ct)).Select(t => Token(t.Id, t.Token, t.Created, CallerOf(http))).ToList());

    private static async Task<IResult> CreateUserTokenAsync(string user, TokenCreateRequest request, Identity identity, TimeProvider time, HttpContext http,
        CancellationToken ct) =>
        await identity.FindUserAsync(user, ct) is null
            ? await UserNotFoundAsync(identity, user, ct)
            : await IssueAsync(user, request, identity, time, CallerOf(http), $"/v1/users/{user}/tokens", ct);

    private static async Task<IResult> RevokeUserTokenAsync(string user, string token, Identity identity, CancellationToken ct)
    {
        if (await identity.FindUserAsync(user, ct) is null)
        {
            return await UserNotFoundAsync(identity, user, ct);
        }
        return await identity.RevokeTokenAsync(user, token, ct) ? TypedResults.NoContent() : await TokenNotFoundAsync(identity, user, token, ct);
    }

    private static async Task<IResult> ListOwnTokensAsync(Identity identity, HttpContext http, CancellationToken ct)
    {
        var caller = CallerOf(http);
        return TypedResults.Ok((await identity.ListTokensAsync(caller.User, ct)).Select(t => Token(t.Id, t.Token, t.Created, caller)).ToList());
    }

    private static Task<IResult> CreateOwnTokenAsync(TokenCreateRequest request, Identity identity, TimeProvider time, HttpContext http, CancellationToken ct) =>
        IssueAsync(CallerOf(http).User, request, identity, time, CallerOf(http), "/v1/tokens", ct);

    private static async Task<IResult> RevokeOwnTokenAsync(string token, Identity identity, HttpContext http, CancellationToken ct)
    {
        var caller = CallerOf(http);
        return await identity.RevokeTokenAsync(caller.User, token, ct) ? TypedResults.NoContent() : await TokenNotFoundAsync(identity, caller.User, token, ct);
    }

    private static async Task<IResult> GrantMasterAdminAsync(string user, Identity identity, CancellationToken ct) =>
        await identity.ChangeRolesAsync(user, new RoleBinding(Roles.MasterAdmin, ""), grant: true, ct) is { } changed
            ? TypedResults.Ok(await UserAsync(identity, user, changed, ct))
            : await UserNotFoundAsync(identity, user, ct);

    private static async Task<IResult> RevokeMasterAdminAsync(string user, Identity identity, CancellationToken ct)
    {
        var current = await identity.FindUserAsync(user, ct);
        if (current is null)
        {
            return await UserNotFoundAsync(identity, user, ct);
        }
        if (!current.IsMasterAdmin)
        {
            return Problems.NotFound($"user '{user}' is not a master_admin");
        }
        var (changed, refused) = await identity.RevokeMasterAdminAsync(user, ct);
        return refused switch
        {
            null => TypedResults.Ok(await UserAsync(identity, user, changed!.Value, ct)),
            Identity.NotFound => await UserNotFoundAsync(identity, user, ct),
            _ => Problems.Conflict(refused),
        };
    }

    private static async Task<IResult> ListRolesAsync(Identity identity, CancellationToken ct) =>
        TypedResults.Ok((await identity.ListUsersAsync(ct)).SelectMany(u => u.User.Roles.Select(r => Binding(u.Name, r))).ToList());

    private static async Task<IResult> ListGridRolesAsync(string grid, Identity identity, IStore store, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        return TypedResults.Ok((await identity.ListUsersAsync(ct))
            .SelectMany(u => u.User.Roles.Where(r => r.Grid == grid).Select(r => Binding(u.Name, r))).ToList());
    }

    private static Task<IResult> GrantGridRoleAsync(string grid, string user, string role, Identity identity, IStore store, CancellationToken ct) =>
        ChangeGridRoleAsync(grid, user, role, grant: true, identity, store, ct);

    private static Task<IResult> RevokeGridRoleAsync(string grid, string user, string role, Identity identity, IStore store, CancellationToken ct) =>
        ChangeGridRoleAsync(grid, user, role, grant: false, identity, store, ct);

    private static async Task<IResult> ChangeGridRoleAsync(string grid, string user, string role, bool grant, Identity identity, IStore store, CancellationToken ct)
    {
        if (!Roles.IsGridRole(role))
        {
            return Problems.BadRequest(role == Roles.MasterAdmin
                ? "master_admin is not granted per grid: 'satama role grant USER master_admin' (without --grid)"
                : $"role '{role}' is not a grid role; grid roles: {string.Join(", ", Roles.GridRoles)}");
        }
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null && grant)
        {
            return notFound!;
        }
        var current = await identity.FindUserAsync(user, ct);
        if (current is null)
        {
            return await UserNotFoundAsync(identity, user, ct);
        }
        var binding = new RoleBinding(role, grid);
        if (!grant && !current.Roles.Contains(binding))
        {
            return Problems.NotFound($"user '{user}' does not hold {role} on grid '{grid}'");
        }
        var changed = await identity.ChangeRolesAsync(user, binding, grant, ct);
        if (changed is null)
        {
            // The grid or the user went away meanwhile: say which.
            return grant && (await GridEndpoints.FindAsync(store, grid, ct)).NotFound is { } gone ? gone : await UserNotFoundAsync(identity, user, ct);
        }
        return TypedResults.Ok(await UserAsync(identity, user, changed.Value, ct));
    }

    private static async Task<IResult> IssueAsync(string user, TokenCreateRequest request, Identity identity, TimeProvider time, Caller caller,
        string location, CancellationToken ct)
    {
        var errors = new List<string>();
        var name = string.IsNullOrEmpty(request.Name) ? DefaultTokenName : request.Name;
        if (Names.Check("token", name) is { } nameError)
        {
            errors.Add(nameError);
        }
        var role = string.IsNullOrEmpty(request.Role) ? null : request.Role;
        if (role is not null && Roles.Check(role) is { } roleError)
        {
            errors.Add(roleError);
        }
        else if (role is not null && Roles.Rank(role) > AccessPolicy.HighestRank(caller.Roles, caller.TokenRole))
        {
            errors.Add($"a token limited to {role} needs a caller that holds {role} or more, with a token that is not limited below it");
        }
        var now = time.GetUtcNow();
        var (expires, expiresError) = TokenExpiry.Parse(request.Expires, now);
        if (expiresError is not null)
        {
            errors.Add(expiresError);
        }
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }
        // A token made with a limited token is limited as much: a viewer token never mints an admin token.
        var effective = caller.TokenRole is { } cap && (role is null || Roles.Rank(cap) < Roles.Rank(role)) ? cap : role;
        // Nor does it outlive the token that made it.
        var (capped, wasCapped) = TokenExpiry.Cap(expires, caller.TokenExpires);
        if (await identity.IssueTokenAsync(user, name, effective, capped, ct) is not { } issued)
        {
            return await UserNotFoundAsync(identity, user, ct);
        }
        return TypedResults.Created($"{location}/{issued.Id}", Created(issued, wasCapped));
    }

    private static TokenCreatedDto Created(IssuedToken issued, bool expiryCapped) =>
        new(Token(issued.Id, issued.Token, issued.Created, null), issued.Value, expiryCapped);

    private static Caller CallerOf(HttpContext http) =>
        http.Features.Get<Caller>() ?? throw new InvalidOperationException("no authenticated caller: the endpoint's access rule admits anonymous requests");

    private static async Task<IResult> UserNotFoundAsync(Identity identity, string user, CancellationToken ct) =>
        Problems.NotFound("user", user, (await identity.ListUsersAsync(ct)).Select(u => u.Name));

    private static async Task<IResult> TokenNotFoundAsync(Identity identity, string user, string token, CancellationToken ct) =>
        Problems.NotFound("token", token, (await identity.ListTokensAsync(user, ct)).Select(t => t.Id), $"the tokens of user '{user}'");

    private static async Task<UserDto> UserAsync(Identity identity, string name, (UserDocument User, DateTimeOffset Created) changed, CancellationToken ct) =>
        User(name, changed.User, changed.Created, (await identity.ListTokensAsync(name, ct)).Count);

    private static UserDto User(string name, UserDocument document, DateTimeOffset created, int tokens) =>
        new(name, [.. document.Roles.Select(r => Binding(name, r))], tokens, created);

    private static RoleBindingDto Binding(string user, RoleBinding binding) =>
        new(user, binding.Role, binding.Grid.Length == 0 ? null : binding.Grid);

    private static TokenDto Token(string id, TokenDocument token, DateTimeOffset created, Caller? caller) =>
        new(id, token.User, token.Name, token.Role, created, token.Expires, caller?.TokenId == id);
}
