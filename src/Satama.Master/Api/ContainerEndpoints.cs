using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.AgentLink;
using Satama.Master.Auth;
using Satama.Master.Store;

namespace Satama.Master.Api;

/// <summary>/v1/grids/{grid}/containers: what agents report, and logs/exec routed to the node holding a container.</summary>
internal static class ContainerEndpoints
{
    public static void MapContainerEndpoints(this IEndpointRouteBuilder v1)
    {
        var containers = v1.MapGroup("/grids/{grid}/containers").WithTags("Containers");
        containers.MapGet("", ListAsync).Produces<List<ContainerDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        containers.MapGet("/{container}/logs", LogsAsync).Produces<string>(contentType: "text/plain").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridUser);
        containers.MapPost("/{container}/exec", ExecAsync).Produces<ExecResultDto>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridUser);
    }

    private static async Task<IResult> ListAsync(string grid, IStore store, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        return view is null
            ? notFound!
            : TypedResults.Ok(view.Containers.Select(c => DtoMapper.Container(grid, c.Node, c.Container)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList());
    }

    private static async Task<IResult> LogsAsync(HttpContext http, string grid, string container, int? tail, bool? follow, IStore store, ConnectionRegistry links)
    {
        var (found, notFound) = await FindAsync(store, grid, container, http.RequestAborted);
        if (found is null)
        {
            return notFound!;
        }
        var (node, reported) = found.Value;
        var link = links.Find(grid, node);
        if (link is null)
        {
            return Problems.Conflict($"node '{node}' holding container '{reported.Name}' is offline");
        }
        await LogStreamer.StreamAsync(http, [new LogStreamer.Source(reported.Name, link, reported.Name, node)], tail ?? 0, follow ?? false, prefix: false);
        return TypedResults.Empty;
    }

    private static async Task<IResult> ExecAsync(string grid, string container, ExecRequest request, IStore store, ConnectionRegistry links, CancellationToken ct)
    {
        if (request.Command is null || request.Command.Count == 0 || request.Command.Any(string.IsNullOrEmpty))
        {
            return Problems.BadRequest("command is empty: give the program and its arguments, e.g. [\"sh\", \"-c\", \"ls /\"]");
        }
        if (request.TimeoutSeconds is < 1 or > 3600)
        {
            return Problems.BadRequest($"timeoutSeconds must be from 1 to 3600, not {request.TimeoutSeconds}");
        }
        var (found, notFound) = await FindAsync(store, grid, container, ct);
        if (found is null)
        {
            return notFound!;
        }
        var (node, reported) = found.Value;
        var link = links.Find(grid, node);
        if (link is null)
        {
            return Problems.Conflict($"node '{node}' holding container '{reported.Name}' is offline");
        }
        try
        {
            var result = await link.ExecAsync(reported.Name, request.Command, request.TimeoutSeconds, ct);
            return result.Error.Length > 0
                ? Problems.Conflict($"could not run the command in '{reported.Name}': {result.Error}")
                : TypedResults.Ok(new ExecResultDto(result.ExitCode, Encoding.UTF8.GetString(result.Stdout.Span), Encoding.UTF8.GetString(result.Stderr.Span)));
        }
        catch (TimeoutException)
        {
            return Problems.Unavailable($"node '{node}' did not answer the exec request in time");
        }
    }

    /// <summary>By exact container name, else by a unique id prefix.</summary>
    private static async Task<((string Node, ReportedContainer Container)? Found, IResult? NotFound)> FindAsync(IStore store, string grid, string container,
        CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return (null, notFound);
        }
        var all = view.Containers.ToList();
        var byName = all.Where(c => c.Container.Name == container).ToList();
        var matches = byName.Count > 0 ? byName : all.Where(c => c.Container.Id.Length > 0 && c.Container.Id.StartsWith(container, StringComparison.Ordinal)).ToList();
        if (matches.Count == 1)
        {
            return (matches[0], null);
        }
        if (matches.Count > 1)
        {
            return (null, Problems.BadRequest($"'{container}' matches {matches.Count} containers: {string.Join(", ", matches.Select(m => m.Container.Name))}"));
        }
        return (null, Problems.NotFound("container", container, all.Select(c => c.Container.Name).Order(StringComparer.Ordinal), $"grid '{grid}'"));
    }
}
