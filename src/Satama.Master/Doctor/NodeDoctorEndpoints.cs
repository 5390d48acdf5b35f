using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Satama.Client.Dtos;
using Satama.Core.Doctor;
using Satama.Core.Security;
using Satama.Master.AgentLink;
using Satama.Master.Api;
using Satama.Master.Auth;
using Satama.Master.Store;
using Satama.Protocol;

namespace Satama.Master.Doctor;

/// <summary>
/// /v1/grids/{grid}/nodes/{node}/doctor: the node preflight. GET answers the findings stored with the node (made
/// at its last registration or doctor run); POST asks the node's agent for fresh facts, diagnoses them, stores
/// and answers the findings (409 when the node is offline: its stored findings stay readable by GET).
/// </summary>
internal static class NodeDoctorEndpoints
{
    /// <summary>How long POST waits for the agent's facts (docker info, a container inspect, statvfs).</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(20);

    public static void MapNodeDoctorEndpoints(this IEndpointRouteBuilder v1)
    {
        var doctor = v1.MapGroup("/grids/{grid}/nodes/{node}/doctor").WithTags("Nodes");
        doctor.MapGet("", GetAsync).Produces<DoctorReportDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        doctor.MapPost("", RunAsync).Produces<DoctorReportDto>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable).RequireAccess(Access.GridAdmin);
    }

    private static async Task<IResult> GetAsync(string grid, string node, IStore store, CancellationToken ct)
    {
        var (entry, notFound) = await FindAsync(store, grid, node, ct);
        if (entry is null)
        {
            return notFound!;
        }
        return entry.Status.Doctor is { } doctor
            ? TypedResults.Ok(ToDto(grid, node, doctor))
            : Problems.NotFound($"node '{node}' has no preflight findings yet: its agent has not connected since the master learned to check");
    }

    private static async Task<IResult> RunAsync(string grid, string node, IStore store, ConnectionRegistry links, ILoggerFactory loggers, CancellationToken ct)
    {
        var (entry, notFound) = await FindAsync(store, grid, node, ct);
        if (entry is null)
        {
            return notFound!;
        }
        if (links.Find(grid, node) is not { } link)
        {
            return Problems.Conflict($"node '{node}' is offline: the preflight needs its agent; 'satama node show {node}' has the findings of its last check");
        }
        DoctorFacts answer;
        DateTimeOffset receivedAt;
        try
        {
            (answer, receivedAt) = await link.DoctorAsync(AnswerTimeout, ct);
        }
        catch (TimeoutException)
        {
            return Problems.Unavailable($"the agent of node '{node}' did not answer the preflight within {AnswerTimeout.TotalSeconds:0} s");
        }
        if (answer.Error.Length > 0)
        {
            return Problems.Unavailable($"the preflight of node '{node}' failed: {answer.Error}");
        }
        var doctor = DoctorFactsMapping.Diagnose(answer.Node, receivedAt, DoctorDocument.OnDemand);
        var row = await store.UpdateWithRetryAsync(ResourceKinds.Node, grid, node, current =>
            (null, StoreJson.Write(StoreJson.Read<NodeStatusDocument>(current.Status) with { Doctor = doctor })), ct);
        if (row is null)
        {
            return Problems.NotFound($"node '{node}' was removed meanwhile");
        }
        loggers.CreateLogger(typeof(NodeDoctorEndpoints)).LogInformation("Preflight of node {Node} of grid {Grid}: {Level}", node, grid, Level(doctor.Level));
        return TypedResults.Ok(ToDto(grid, node, doctor));
    }

    public static DoctorReportDto ToDto(string grid, string node, DoctorDocument doctor) => new(
        node,
        grid,
        doctor.CheckedAt,
        doctor.Source,
        Level(doctor.Level),
        [.. doctor.Findings.Select(f => new DoctorFindingDto(f.Check, Level(f.Level), f.Message, f.Fix))]);

    public static string Level(DoctorLevel level) => level switch
    {
        DoctorLevel.Error => "error",
        DoctorLevel.Warn => "warn",
        _ => "ok",
    };

    private static async Task<(GridView.NodeEntry? Node, IResult? NotFound)> FindAsync(IStore store, string grid, string node, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return (null, notFound);
        }
        return view.FindNode(node) is { } entry
            ? (entry, null)
            : (null, Problems.NotFound("node", node, view.Nodes.Select(n => n.Row.Name), $"grid '{grid}'"));
    }
}
