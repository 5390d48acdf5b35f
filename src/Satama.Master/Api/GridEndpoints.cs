using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Core.Security;
using Satama.Master.Auth;
using Satama.Master.Hosting;
using Satama.Master.Stacks;
using Satama.Master.Store;

namespace Satama.Master.Api;

/// <summary>/v1/grids: create, list, show (with the join command) and remove grids.</summary>
internal static class GridEndpoints
{
    public const string DefaultSubnet = "10.90.0.0/16";

    /// <summary>A day: a longer outage is better handled by removing the node.</summary>
    public const int MaxGracePeriodSeconds = 86_400;

    public static void MapGridEndpoints(this IEndpointRouteBuilder v1)
    {
        var grids = v1.MapGroup("/grids").WithTags("Grids");
        grids.MapGet("", ListAsync).Produces<List<GridDto>>().RequireAccess(Access.Authenticated);
        grids.MapPost("", CreateAsync).Produces<GridDetailsDto>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.MasterAdmin);
        grids.MapGet("/{grid}", GetAsync).Produces<GridDetailsDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridAdmin);
        grids.MapPatch("/{grid}", UpdateAsync).Produces<GridDetailsDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridAdmin);
        grids.MapPost("/{grid}/rotate-token", RotateTokenAsync).Produces<GridDetailsDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridAdmin);
        grids.MapDelete("/{grid}", DeleteAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.MasterAdmin);
    }

    /// <summary>The grid, or a 404 that lists the grids there are.</summary>
    public static async Task<(GridView? Grid, IResult? NotFound)> FindAsync(IStore store, string grid, CancellationToken ct)
    {
        var view = await GridView.LoadAsync(store, grid, ct);
        if (view is not null)
        {
            return (view, null);
        }
        var names = (await store.ListAsync(ResourceKinds.Grid, "", ct)).Select(g => g.Name);
        return (null, Problems.NotFound("grid", grid, names));
    }

    private static async Task<IResult> ListAsync(IStore store, CancellationToken ct)
    {
        var result = new List<GridDto>();
        foreach (var row in await store.ListAsync(ResourceKinds.Grid, "", ct))
        {
            if (await GridView.LoadAsync(store, row.Name, ct) is { } view)
            {
                result.Add(DtoMapper.Grid(view));
            }
        }
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> CreateAsync(GridCreateRequest request, IStore store, MasterContext master, ILoggerFactory loggers, CancellationToken ct)
    {
        var errors = new List<string>();
        if (Names.Check("grid", request.Name) is { } nameError)
        {
            errors.Add(nameError);
        }
        var subnet = string.IsNullOrWhiteSpace(request.Subnet) ? DefaultSubnet : request.Subnet.Trim();
        if (!IPNetwork.TryParse(subnet, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork || network.PrefixLength > 28)
        {
            errors.Add($"subnet '{subnet}' is not an IPv4 network in CIDR form with room for containers (e.g. {DefaultSubnet})");
        }
        if (request.GracePeriodSeconds is { } grace && (double.IsNaN(grace) || grace < 1 || grace > MaxGracePeriodSeconds))
        {
            errors.Add($"grace period must be from 1 to {MaxGracePeriodSeconds} seconds, not {grace.ToString(CultureInfo.InvariantCulture)}");
        }
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }
        var document = new GridDocument(network.ToString(), TokenHash.NewToken(),
            GracePeriod: request.GracePeriodSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        if (await store.CreateAsync(ResourceKinds.Grid, "", request.Name, StoreJson.Write(document), "{}", ct) is null)
        {
            return Problems.Conflict($"grid '{request.Name}' already exists");
        }
        loggers.CreateLogger(typeof(GridEndpoints)).LogInformation("Created grid {Grid} with subnet {Subnet}", request.Name, document.Subnet);
        var view = await GridView.LoadAsync(store, request.Name, ct);
        return TypedResults.Created($"/v1/grids/{request.Name}", DtoMapper.GridDetails(view!, master));
    }

    private static async Task<IResult> GetAsync(string grid, IStore store, MasterContext master, CancellationToken ct)
    {
        var (view, notFound) = await FindAsync(store, grid, ct);
        return view is null ? notFound! : TypedResults.Ok(DtoMapper.GridDetails(view, master));
    }

    /// <summary>
    /// The grid's host allowances (docs/security.md, "Grid allowances"): all of the change or, with any problem in it,
    /// none. What runs keeps running: an allowance taken back stops the next write that asks for it.
    /// </summary>
    private static async Task<IResult> UpdateAsync(string grid, GridUpdateRequest? request, IStore store, MasterContext master, ILoggerFactory loggers,
        CancellationToken ct)
    {
        var (view, notFound) = await FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        var document = StoreJson.Read<GridDocument>(view.Row.Spec);
        var (changed, errors) = document.Allowances().Change(request?.Allow, request?.Disallow, request?.AllowBind, request?.DisallowBind);
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }
        if (changed.Options.SequenceEqual(document.AllowedOptions ?? []) && changed.Binds.SequenceEqual(document.AllowedBinds ?? []))
        {
            return TypedResults.Ok(DtoMapper.GridDetails(view, master));
        }
        if (await store.UpdateAsync(ResourceKinds.Grid, "", grid, view.Row.Revision, StoreJson.Write(document with { AllowedOptions = changed.Options, AllowedBinds = changed.Binds }), null, ct) is null)
        {
            return Problems.Conflict($"grid '{grid}' changed while its allowances were being changed; try again");
        }
        loggers.CreateLogger(typeof(GridEndpoints)).LogInformation("Grid {Grid} now allows host-level options {Options} and binds of {Binds}", grid,
            string.Join(", ", changed.Options), string.Join(", ", changed.Binds));
        return TypedResults.Ok(DtoMapper.GridDetails((await GridView.LoadAsync(store, grid, ct))!, master));
    }

    /// <summary>A new join token; the old one no longer admits new nodes (the grid's nodes may still reconnect with it).</summary>
    private static async Task<IResult> RotateTokenAsync(string grid, IStore store, MasterContext master, ILoggerFactory loggers, CancellationToken ct)
    {
        var (view, notFound) = await FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        var document = StoreJson.Read<GridDocument>(view.Row.Spec);
        var rotated = document.Rotate(TokenHash.NewToken(), TokenHash.Of(document.Token));
        if (await store.UpdateAsync(ResourceKinds.Grid, "", grid, view.Row.Revision, StoreJson.Write(rotated), null, ct) is null)
        {
            return Problems.Conflict($"grid '{grid}' changed while its token was being rotated; try again");
        }
        loggers.CreateLogger(typeof(GridEndpoints)).LogInformation("Rotated the join token of grid {Grid}", grid);
        var updated = await GridView.LoadAsync(store, grid, ct);
        return TypedResults.Ok(DtoMapper.GridDetails(updated!, master));
    }

    // The grid and its role grants go in one unit of work: a crash cannot leave grants that a new grid of the
    // same name would inherit; only master admins may act on it then.
    private static async Task<IResult> DeleteAsync(string grid, IStore store, Identity identity, ILoggerFactory loggers, CancellationToken ct)
    {
        IResult? refused = null;
        var commit = await store.CommitWithRetryAsync(async ct =>
        {
            var (view, notFound) = await FindAsync(store, grid, ct);
            if (view is null)
            {
                refused = notFound;
                return null;
            }
            var blockers = await BlockersAsync(store, view, ct);
            if (blockers.Count > 0)
            {
                refused = Problems.Conflict($"grid '{grid}' still has {string.Join(" and ", blockers)}");
                return null;
            }
            var work = new UnitOfWork().Delete(view.Row);
            await identity.AddGridRoleRevocationsAsync(work, grid, ct);
            return work;
        }, ct);
        if (commit is null)
        {
            return refused!;
        }
        loggers.CreateLogger(typeof(GridEndpoints)).LogInformation("Removed grid {Grid}", grid);
        return TypedResults.NoContent();
    }

    private static async Task<List<string>> BlockersAsync(IStore store, GridView view, CancellationToken ct)
    {
        var grid = view.Row.Name;
        var blockers = new List<string>();
        if (view.Nodes.Count > 0)
        {
            blockers.Add($"nodes {string.Join(", ", view.Nodes.Select(n => n.Row.Name))} (stop their agents, then 'satama node rm')");
        }
        if (view.Services.Count > 0)
        {
            blockers.Add($"services {string.Join(", ", view.Services.Select(s => GridView.DisplayName(s.Spec)))} (remove them first)");
        }
        var stacks = await store.ListAsync(StackKinds.Stack, grid, ct);
        if (stacks.Count > 0)
        {
            blockers.Add($"stacks {string.Join(", ", stacks.Select(r => r.Name))} (satama stack rm)");
        }
        // Secrets are not removed with their grid: a new grid of the same name must not inherit them silently.
        var secrets = await store.ListAsync(ResourceKinds.Secret, grid, ct);
        if (secrets.Count > 0)
        {
            blockers.Add($"secrets {string.Join(", ", secrets.Select(r => r.Name))} (satama secret rm)");
        }
        return blockers;
    }
}
