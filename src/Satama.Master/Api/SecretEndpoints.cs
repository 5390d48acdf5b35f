using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.Auth;
using Satama.Master.Controllers;
using Satama.Master.Store;
using Satama.Master.Vault;

namespace Satama.Master.Api;

/// <summary>
/// /v1/grids/{grid}/secrets: the grid vault. Values are sealed with AES-256-GCM before they reach
/// the store, appear only in the answer of GET one secret, and never in logs, errors or listings.
/// </summary>
internal static class SecretEndpoints
{
    public static void MapSecretEndpoints(this IEndpointRouteBuilder v1)
    {
        var secrets = v1.MapGroup("/grids/{grid}/secrets").WithTags("Secrets");
        secrets.MapGet("", ListAsync).Produces<List<SecretDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        secrets.MapPost("", WriteAsync).Produces<SecretDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridAdmin);
        secrets.MapGet("/{name}", ReadAsync).Produces<SecretValueDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridAdmin);
        secrets.MapPut("/{name}", UpdateAsync).Produces<SecretDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridAdmin);
        secrets.MapDelete("/{name}", DeleteAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridAdmin);
    }

    private static async Task<IResult> ListAsync(string grid, IStore store, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        var rows = await store.ListAsync(ResourceKinds.Secret, grid, ct);
        var services = (await store.ListAsync(ResourceKinds.Service, grid, ct)).Select(r => StoreJson.Read<Core.Model.ServiceSpec>(r.Spec)).ToList();
        return TypedResults.Ok(rows.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => ToDto(grid, r,
            [.. services.Where(s => s.Secrets.Any(x => x.Secret == r.Name)).Select(s => s.QualifiedName).Order(StringComparer.Ordinal)])).ToList());
    }

    private static async Task<IResult> WriteAsync(string grid, SecretWriteRequest request, IStore store, SecretCipher cipher, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        if (Errors(SecretNames.Check(request.Name), SecretNames.CheckValue(request.Value)) is { } invalid)
        {
            return invalid;
        }
        var now = clock.GetUtcNow();
        var document = new SecretDocument(1, cipher.Seal(grid, request.Name, 1, request.Value), now, now);
        var row = await store.CreateAsync(ResourceKinds.Secret, grid, request.Name, StoreJson.Write(document), "{}", ct);
        if (row is null)
        {
            return Problems.Conflict($"secret '{request.Name}' already exists in grid '{grid}': use 'satama secret update'");
        }
        loggers.CreateLogger(typeof(SecretEndpoints)).LogInformation("Wrote secret {Secret} of grid {Grid}", request.Name, grid);
        return TypedResults.Created($"/v1/grids/{grid}/secrets/{request.Name}", ToDto(grid, row));
    }

    private static async Task<IResult> ReadAsync(string grid, string name, IStore store, SecretCipher cipher, CancellationToken ct)
    {
        var (row, notFound) = await FindAsync(store, grid, name, ct);
        if (row is null)
        {
            return notFound!;
        }
        var document = StoreJson.Read<SecretDocument>(row.Spec);
        try
        {
            return TypedResults.Ok(new SecretValueDto(grid, name, document.Version, cipher.Open(grid, name, document.Version, document.Value)));
        }
        catch (VaultException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    // A new value bumps the revision of each service that uses the secret: their containers are recreated with it.
    private static async Task<IResult> UpdateAsync(string grid, string name, SecretUpdateRequest request, IStore store, SecretCipher cipher, TimeProvider clock,
        SchedulerController scheduler, ILoggerFactory loggers, CancellationToken ct)
    {
        var (row, notFound) = await FindAsync(store, grid, name, ct);
        if (row is null)
        {
            return notFound!;
        }
        if (Errors(SecretNames.CheckValue(request.Value)) is { } invalid)
        {
            return invalid;
        }
        var current = StoreJson.Read<SecretDocument>(row.Spec);
        var version = current.Version + 1;
        var document = current with { Version = version, Value = cipher.Seal(grid, name, version, request.Value), Updated = clock.GetUtcNow() };
        var updated = await store.UpdateAsync(ResourceKinds.Secret, grid, name, row.Revision, StoreJson.Write(document), null, ct);
        if (updated is null)
        {
            return Problems.Conflict($"secret '{name}' changed while it was being updated; try again");
        }
        var redeployed = await SecretUsers.RedeployAsync(store, grid, name, ct);
        loggers.CreateLogger(typeof(SecretEndpoints)).LogInformation("Updated secret {Secret} of grid {Grid} to version {Version}; redeploying {Services}",
            name, grid, version, redeployed.Count == 0 ? "no service" : string.Join(", ", redeployed));
        if (redeployed.Count > 0)
        {
            await scheduler.ReconcileGridAsync(grid, ct);
        }
        return TypedResults.Ok(ToDto(grid, updated, redeployed));
    }

    private static async Task<IResult> DeleteAsync(string grid, string name, IStore store, ILoggerFactory loggers, CancellationToken ct)
    {
        var (row, notFound) = await FindAsync(store, grid, name, ct);
        if (row is null)
        {
            return notFound!;
        }
        if (await SecretUsers.OfAsync(store, grid, name, ct) is { Count: > 0 } users)
        {
            return Problems.Conflict($"secret '{name}' is used by {(users.Count == 1 ? "service" : "services")} {string.Join(", ", users)}: remove it from them first");
        }
        if (!await store.DeleteAsync(ResourceKinds.Secret, grid, name, row.Revision, ct))
        {
            return Problems.Conflict($"secret '{name}' changed while it was being removed; try again");
        }
        loggers.CreateLogger(typeof(SecretEndpoints)).LogInformation("Removed secret {Secret} of grid {Grid}", name, grid);
        return TypedResults.NoContent();
    }

    private static async Task<(StoredResource? Row, IResult? NotFound)> FindAsync(IStore store, string grid, string name, CancellationToken ct)
    {
        var (view, gridNotFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return (null, gridNotFound);
        }
        if (await store.GetAsync(ResourceKinds.Secret, grid, name, ct) is { } row)
        {
            return (row, null);
        }
        var names = (await store.ListAsync(ResourceKinds.Secret, grid, ct)).Select(r => r.Name).Order(StringComparer.Ordinal);
        return (null, Problems.NotFound("secret", name, names, $"grid '{grid}'"));
    }

    private static IResult? Errors(params string?[] errors)
    {
        var list = errors.OfType<string>().ToList();
        return list.Count == 0 ? null : Problems.BadRequest(list);
    }

    private static SecretDto ToDto(string grid, StoredResource row, IReadOnlyList<string>? usedBy = null)
    {
        var document = StoreJson.Read<SecretDocument>(row.Spec);
        return new SecretDto(grid, row.Name, document.Version, document.Created, document.Updated, usedBy ?? []);
    }
}
