using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.AgentLink;
using Satama.Master.Auth;
using Satama.Master.Store;

namespace Satama.Master.Api;

/// <summary>/v1/grids/{grid}/nodes: nodes appear when their agent first connects; users label and remove them.</summary>
internal static class NodeEndpoints
{
    public static void MapNodeEndpoints(this IEndpointRouteBuilder v1)
    {
        var nodes = v1.MapGroup("/grids/{grid}/nodes").WithTags("Nodes");
        nodes.MapGet("", ListAsync).Produces<List<NodeDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        nodes.MapGet("/{node}", GetAsync).Produces<NodeDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        nodes.MapDelete("/{node}", DeleteAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridAdmin);
        nodes.MapPatch("/{node}/labels", LabelAsync).Produces<NodeDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridAdmin);
    }

    private static async Task<IResult> ListAsync(string grid, IStore store, ConnectionRegistry links, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        return view is null ? notFound! : TypedResults.Ok(view.Nodes.Select(n => DtoMapper.Node(grid, n, links)).ToList());
    }

    private static async Task<IResult> GetAsync(string grid, string node, IStore store, ConnectionRegistry links, CancellationToken ct)
    {
        var (view, entry, notFound) = await FindAsync(store, grid, node, ct);
        return entry is null ? notFound! : TypedResults.Ok(DtoMapper.Node(grid, entry, links));
    }

    // Removing a node revokes its credential first, so its agent is refused from its next Hello
    // on; an online node (only with force) is then disconnected at once.
    private static async Task<IResult> DeleteAsync(string grid, string node, bool? force, IStore store, ConnectionRegistry links, NodeCredentials credentials,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (_, entry, notFound) = await FindAsync(store, grid, node, ct);
        if (entry is null)
        {
            return notFound!;
        }
        var online = links.IsOnline(grid, node) || entry.Status.Online;
        if (online && force != true)
        {
            return Problems.Conflict($"node '{node}' is online; stop its agent first, or remove it now with --force (its agent is disconnected and refused)");
        }
        await credentials.RevokeAsync(grid, node, ct);
        links.Find(grid, node)?.Close("the node was removed");
        var removed = false;
        for (var attempt = 0; attempt < 20 && !removed; attempt++)
        {
            var row = await store.GetAsync(ResourceKinds.Node, grid, node, ct);
            removed = row is null || await store.DeleteAsync(ResourceKinds.Node, grid, node, row.Revision, ct);
        }
        if (!removed)
        {
            return Problems.Conflict($"node '{node}' changed while it was being removed (it may have reconnected); try again");
        }
        loggers.CreateLogger(typeof(NodeEndpoints)).LogInformation("Removed node {Node} from grid {Grid}; its credential is revoked", node, grid);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> LabelAsync(string grid, string node, NodeLabelsRequest request, IStore store, ConnectionRegistry links,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (_, entry, notFound) = await FindAsync(store, grid, node, ct);
        if (entry is null)
        {
            return notFound!;
        }
        var set = request.Set ?? new Dictionary<string, string>();
        var remove = request.Remove ?? [];
        var errors = set.Keys.Concat(remove).Where(k => !ValidKey(k)).Select(k => $"label key '{k}' is invalid: use 1-253 characters without spaces or '='").ToList();
        errors.AddRange(set.Where(kv => kv.Value is null).Select(kv => $"label '{kv.Key}' has no value; list it in 'remove' to delete it"));
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }
        var row = await store.UpdateWithRetryAsync(ResourceKinds.Node, grid, node, current =>
        {
            var spec = StoreJson.Read<NodeDocument>(current.Spec);
            var labels = new SortedDictionary<string, string>(spec.Labels.ToDictionary(), StringComparer.Ordinal);
            foreach (var key in remove)
            {
                labels.Remove(key);
            }
            foreach (var (key, value) in set)
            {
                labels[key] = value;
            }
            return (StoreJson.Write(spec with { Labels = labels }), null);
        }, ct);
        if (row is null)
        {
            return Problems.NotFound($"node '{node}' was removed meanwhile");
        }
        loggers.CreateLogger(typeof(NodeEndpoints)).LogInformation("Labels of node {Node} in grid {Grid} changed", node, grid);
        var updated = new GridView.NodeEntry(row, StoreJson.Read<NodeDocument>(row.Spec), StoreJson.Read<NodeStatusDocument>(row.Status));
        return TypedResults.Ok(DtoMapper.Node(grid, updated, links));
    }

    private static bool ValidKey(string key) =>
        key.Length is > 0 and <= 253 && !key.Any(c => char.IsWhiteSpace(c) || c == '=');

    private static async Task<(GridView? Grid, GridView.NodeEntry? Node, IResult? NotFound)> FindAsync(IStore store, string grid, string node, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return (null, null, notFound);
        }
        var entry = view.FindNode(node);
        return entry is not null
            ? (view, entry, null)
            : (view, null, Problems.NotFound("node", node, view.Nodes.Select(n => n.Row.Name), $"grid '{grid}'"));
    }
}
