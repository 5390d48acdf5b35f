using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Satama.Client.Dtos;
using Satama.Core.Deploys;
using Satama.Core.Model;
using Satama.Core.Security;
using Satama.Master.AgentLink;
using Satama.Master.Auth;
using Satama.Master.Controllers;
using Satama.Master.Store;
using Satama.Master.Vault;

namespace Satama.Master.Api;

/// <summary>
/// /v1/grids/{grid}/services and .../stacks/{stack}/services/{service}. Every change runs a
/// scheduler pass before answering, so the answer already shows placement and its problems.
/// </summary>
internal static class ServiceEndpoints
{
    public static void MapServiceEndpoints(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/grids/{grid}/services", ListAsync).WithTags("Services").Produces<List<ServiceDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        v1.MapPost("/grids/{grid}/services", CreateAsync).WithTags("Services").Produces<ServiceDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridUser);
        var one = v1.MapGroup("/grids/{grid}/stacks/{stack}/services/{service}").WithTags("Services");
        one.MapGet("", GetAsync).Produces<ServiceDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        one.MapDelete("", DeleteAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridUser);
        one.MapPost("/scale", ScaleAsync).Produces<ServiceDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridUser);
        one.MapPost("/restart", RestartAsync).Produces<ServiceDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridUser);
        one.MapPost("/deploy", DeployAsync).Produces<ServiceDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridUser);
        one.MapGet("/deploys", DeploysAsync).Produces<List<DeploymentDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        one.MapGet("/logs", LogsAsync).Produces<string>(contentType: "text/plain").ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridUser);
    }

    private static async Task<IResult> ListAsync(string grid, IStore store, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        return view is null ? notFound! : TypedResults.Ok(view.Services.Select(s => DtoMapper.Service(view, s)).ToList());
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string grid, ServiceCreateRequest request, IStore store, SchedulerController scheduler,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        var (spec, errors) = ServiceRequests.ToSpec(grid, request);
        if (errors.Count == 0)
        {
            errors.AddRange(await SecretUsers.MissingAsync(store, grid, [spec], ct));
        }
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }
        if (HostOptionGate.Check(http, grid, view.Document.Allowances(), HostOptionUse.InRequest(spec)) is { } forbidden)
        {
            return forbidden;
        }
        var key = ServiceKey.Of(spec.Stack, spec.Name);
        if (await store.CreateAsync(ResourceKinds.Service, grid, key, StoreJson.Write(spec), StoreJson.Write(ServiceStatusDocument.Empty), ct) is null)
        {
            return Problems.Conflict($"service '{GridView.DisplayName(spec)}' already exists in grid '{grid}'");
        }
        loggers.CreateLogger(typeof(ServiceEndpoints)).LogInformation("Created service {Stack}/{Service} in grid {Grid} with {Instances} instances of {Image}",
            spec.Stack, spec.Name, grid, spec.Instances, spec.Image);
        await scheduler.ReconcileGridAsync(grid, ct);
        return await AnswerAsync(store, grid, spec.Stack, spec.Name, created: true, ct);
    }

    private static async Task<IResult> GetAsync(string grid, string stack, string service, IStore store, CancellationToken ct) =>
        await AnswerAsync(store, grid, stack, service, created: false, ct);

    private static async Task<IResult> DeleteAsync(string grid, string stack, string service, IStore store, SchedulerController scheduler,
        ILoggerFactory loggers, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (_, entry, notFound) = await FindAsync(store, grid, stack, service, ct);
            if (entry is null)
            {
                return notFound!;
            }
            if (await store.DeleteAsync(ResourceKinds.Service, grid, entry.Row.Name, entry.Row.Revision, ct))
            {
                loggers.CreateLogger(typeof(ServiceEndpoints)).LogInformation("Removed service {Stack}/{Service} from grid {Grid}", stack, service, grid);
                await scheduler.ReconcileGridAsync(grid, ct);
                return TypedResults.NoContent();
            }
        }
        return Problems.Conflict($"service '{stack}/{service}' kept changing while it was being removed; try again");
    }

    private static async Task<IResult> ScaleAsync(string grid, string stack, string service, ScaleRequest request, IStore store,
        SchedulerController scheduler, ILoggerFactory loggers, CancellationToken ct)
    {
        if (request.Instances is < 0 or > ServiceValidator.MaxInstances)
        {
            return Problems.BadRequest($"instances must be from 0 to {ServiceValidator.MaxInstances}, not {request.Instances}");
        }
        return await ChangeAsync(store, scheduler, grid, stack, service, (s, _) => s with { Instances = request.Instances }, ct, spec =>
            loggers.CreateLogger(typeof(ServiceEndpoints)).LogInformation("Scaled service {Stack}/{Service} in grid {Grid} to {Instances} instances",
                stack, service, grid, spec.Instances));
    }

    // A new revision: the rollout replaces every container, rolling.
    private static Task<IResult> RestartAsync(string grid, string stack, string service, IStore store, SchedulerController scheduler,
        ILoggerFactory loggers, CancellationToken ct) =>
        ChangeAsync(store, scheduler, grid, stack, service, (s, status) => s with { Revision = ServiceRevisions.Next(s, status) }, ct, spec =>
            loggers.CreateLogger(typeof(ServiceEndpoints)).LogInformation("Restarting service {Stack}/{Service} in grid {Grid} at revision {Revision}",
                stack, service, grid, spec.Revision));

    // Without force only a paused (failed) rollout is retried, as a new revision; a service at its revision stays as it is.
    private static Task<IResult> DeployAsync(string grid, string stack, string service, ServiceDeployRequest? request, IStore store,
        SchedulerController scheduler, ILoggerFactory loggers, CancellationToken ct) =>
        ChangeAsync(store, scheduler, grid, stack, service,
            (s, status) => request?.Force == true || status.Deployment.Rollout is { Paused: true } ? s with { Revision = ServiceRevisions.Next(s, status) } : s,
            ct, spec => loggers.CreateLogger(typeof(ServiceEndpoints)).LogInformation("Deploy of service {Stack}/{Service} in grid {Grid} asked at revision {Revision}",
                stack, service, grid, spec.Revision));

    private static async Task<IResult> DeploysAsync(string grid, string stack, string service, IStore store, CancellationToken ct)
    {
        var (_, entry, notFound) = await FindAsync(store, grid, stack, service, ct);
        return entry is null ? notFound! : TypedResults.Ok(DeploymentMapping.All(entry.Status.Deployment));
    }

    private static async Task<IResult> LogsAsync(HttpContext http, string grid, string stack, string service, int? tail, bool? follow,
        IStore store, ConnectionRegistry links)
    {
        var (_, entry, notFound) = await FindAsync(store, grid, stack, service, http.RequestAborted);
        if (entry is null)
        {
            return notFound!;
        }
        var spec = entry.Spec;
        var sources = RolloutDesired.For(spec, entry.Status.Assignments, entry.Status.Deployment)
            .Select(d => new LogStreamer.Source(InstanceNames.Instance(spec.Name, d.Slot), links.Find(grid, d.Node),
                InstanceNames.Container(grid, spec.Stack, spec.Name, d.Slot, d.Spec.Revision), d.Node))
            .ToList();
        await LogStreamer.StreamAsync(http, sources, tail ?? 0, follow ?? false, prefix: true);
        return TypedResults.Empty;
    }

    private static async Task<IResult> ChangeAsync(IStore store, SchedulerController scheduler, string grid, string stack, string service,
        Func<ServiceSpec, ServiceStatusDocument, ServiceSpec> change, CancellationToken ct, Action<ServiceSpec> log)
    {
        var (_, entry, notFound) = await FindAsync(store, grid, stack, service, ct);
        if (entry is null)
        {
            return notFound!;
        }
        ServiceSpec? changed = null;
        var row = await store.UpdateWithRetryAsync(ResourceKinds.Service, grid, entry.Row.Name, current =>
        {
            changed = change(StoreJson.Read<ServiceSpec>(current.Spec), StoreJson.Read<ServiceStatusDocument>(current.Status));
            return (StoreJson.Write(changed), null);
        }, ct);
        if (row is null)
        {
            return Problems.NotFound($"service '{stack}/{service}' was removed meanwhile");
        }
        log(changed!);
        await scheduler.ReconcileGridAsync(grid, ct);
        return await AnswerAsync(store, grid, stack, service, created: false, ct);
    }

    private static async Task<IResult> AnswerAsync(IStore store, string grid, string stack, string service, bool created, CancellationToken ct)
    {
        var (view, entry, notFound) = await FindAsync(store, grid, stack, service, ct);
        if (entry is null)
        {
            return notFound!;
        }
        var dto = DtoMapper.Service(view!, entry);
        return created ? TypedResults.Created($"/v1/grids/{grid}/stacks/{stack}/services/{service}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<(GridView? Grid, GridView.ServiceEntry? Service, IResult? NotFound)> FindAsync(IStore store, string grid, string stack,
        string service, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return (null, null, notFound);
        }
        var entry = view.FindService(stack, service);
        var name = stack == Names.NullStack ? service : $"{stack}/{service}";
        return entry is not null
            ? (view, entry, null)
            : (view, null, Problems.NotFound("service", name, view.Services.Select(s => GridView.DisplayName(s.Spec)).Order(StringComparer.Ordinal), $"grid '{grid}'"));
    }
}
