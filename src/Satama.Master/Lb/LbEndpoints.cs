using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Satama.Client.Dtos;
using Satama.Core.Security;
using Satama.Master.AgentLink;
using Satama.Master.Api;
using Satama.Master.Auth;
using Satama.Master.Store;
using Satama.Protocol;

namespace Satama.Master.Lb;

/// <summary>/v1/grids/{grid}/lb/routes: the ingress load balancer's live routing table, per ingress node.</summary>
internal static class LbEndpoints
{
    public static IServiceCollection AddLb(this IServiceCollection services) => services
        .AddSingleton<LbRouteSource>()
        .AddSingleton<LbDesired>()
        .AddSingleton<LbLiveStatus>();

    public static void MapLbEndpoints(this IEndpointRouteBuilder v1)
    {
        var lb = v1.MapGroup("/grids/{grid}/lb").WithTags("Load balancer");
        lb.MapGet("/routes", RoutesAsync).Produces<LbRoutesDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAccess(Access.Viewer);
    }

    private static async Task<IResult> RoutesAsync(string grid, string? node, IStore store, LbRouteSource source, LbLiveStatus live,
        ConnectionRegistry links, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        var ingress = await source.IngressNodesAsync(grid, ct);
        if (node is not null)
        {
            if (await store.GetAsync(ResourceKinds.Node, grid, node, ct) is null)
            {
                var names = (await store.ListAsync(ResourceKinds.Node, grid, ct)).Select(r => r.Name);
                return Problems.NotFound("node", node, names, $"grid '{grid}'");
            }
            if (!ingress.Contains(node))
            {
                return Problems.Conflict($"node '{node}' does not run the load balancer: label it ingress=true (satama agent start --label ingress=true)");
            }
            ingress = [node];
        }
        var table = await source.RoutesAsync(grid, ct);
        var nodes = ingress.Select(n => Node(n, links.IsOnline(grid, n), table, live.Get(grid, n))).ToList();
        return TypedResults.Ok(new LbRoutesDto(grid, nodes, table.Problems));
    }

    private static LbNodeRoutesDto Node(string node, bool online, Core.Lb.LbRouteTable table, (LbStatus Status, DateTimeOffset At)? reported)
    {
        var routes = table.Routes.Select(r =>
        {
            var liveRoute = reported?.Status.Routes.FirstOrDefault(l => l.Id == r.Id);
            var backends = liveRoute is null
                ? r.Backends.Select(b => new LbBackendDto(b.Container, b.Address)).ToList()
                : liveRoute.Backends.Select(b => new LbBackendDto(b.Container, b.Address, b.PassiveHealthy)).ToList();
            return new LbRouteDto(r.Id, r.Hosts, r.Path, r.StripPath, r.Sticky, r.TlsSecret, r.RedirectHttps, backends,
                liveRoute?.Requests ?? 0, liveRoute?.Errors ?? 0);
        }).ToList();
        var status = reported?.Status;
        return new LbNodeRoutesDto(node, online, reported is not null, reported?.At, status?.Running ?? false,
            string.IsNullOrEmpty(status?.Error) ? null : status.Error, status?.Endpoints.ToList() ?? [], routes);
    }
}
