using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Core.Security;
using Satama.Master.Api;
using Satama.Master.Auth;

namespace Satama.Master.Audit;

/// <summary>/v1/audit: read the trail (newest last), follow it as NDJSON, verify its hash chain.</summary>
internal static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder v1)
    {
        var audit = v1.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("", ListAsync).Produces<List<AuditEventDto>>().ProducesProblem(StatusCodes.Status400BadRequest).RequireAccess(Access.MasterAdmin);
        audit.MapGet("/stream", StreamAsync).Produces<AuditEventDto>(contentType: "application/x-ndjson").ProducesProblem(StatusCodes.Status400BadRequest).RequireAccess(Access.MasterAdmin);
        audit.MapPost("/verify", VerifyAsync).Produces<AuditVerifyDto>().WithMetadata(new NotAuditedAttribute()).RequireAccess(Access.MasterAdmin);
    }

    private static async Task<IResult> ListAsync(string? grid, string? actor, string? since, string? limit, AuditLog log, CancellationToken ct)
    {
        var (filter, errors) = Filter(grid, actor, since, limit);
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }
        var events = await log.QueryAsync(filter, ct);
        return TypedResults.Ok(events.Select(Dto).ToList());
    }

    // One JSON event per line: the matching history first, then each new event as it is appended.
    private static async Task<IResult> StreamAsync(HttpContext http, string? grid, string? actor, string? since, string? limit, AuditLog log,
        IHostApplicationLifetime lifetime)
    {
        var (filter, errors) = Filter(grid, actor, since, limit);
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }
        // A follower must not hold up the master's shutdown.
        using var both = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = both.Token;
        var response = http.Response;
        response.ContentType = "application/x-ndjson";
        response.Headers.CacheControl = "no-cache";
        try
        {
            // Read the position first: anything appended after it is picked up by the loop.
            var position = log.Appended.Sequence;
            var batch = await log.QueryAsync(filter, ct);
            await WriteAsync(response, batch, ct);
            var after = Math.Max(position, batch.Count > 0 ? batch[^1].Id : 0);
            while (!ct.IsCancellationRequested)
            {
                await log.Appended.WaitAsync(after, ct);
                position = log.Appended.Sequence;
                batch = await log.QueryAsync(filter with { AfterId = after, Limit = 1000 }, ct);
                await WriteAsync(response, batch, ct);
                after = batch.Count == 1000 ? batch[^1].Id : Math.Max(position, batch.Count > 0 ? batch[^1].Id : 0);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The follower went away.
        }
        return TypedResults.Empty;
    }

    private static async Task<IResult> VerifyAsync(AuditLog log, CancellationToken ct)
    {
        var result = await log.VerifyAsync(ct);
        return TypedResults.Ok(new AuditVerifyDto(result.Ok, result.Checked, result.FirstBadId, result.Reason));
    }

    private static async Task WriteAsync(HttpResponse response, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            await response.WriteAsync(JsonSerializer.Serialize(Dto(e), SatamaClient.Json) + "\n", ct);
        }
        await response.Body.FlushAsync(ct);
    }

    private static (AuditFilter Filter, List<string> Errors) Filter(string? grid, string? actor, string? since, string? limit)
    {
        var errors = new List<string>();
        grid = string.IsNullOrEmpty(grid) ? null : grid;
        actor = string.IsNullOrEmpty(actor) ? null : actor;
        if (grid is not null && Names.Check("grid", grid) is { } gridError)
        {
            errors.Add(gridError);
        }
        if (actor is { Length: > 256 })
        {
            errors.Add("actor is longer than 256 characters");
        }
        DateTimeOffset? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                from = parsed;
            }
            else
            {
                errors.Add($"since '{Truncate(since)}' is not a time such as 2026-01-31T12:00:00Z");
            }
        }
        var count = DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
        {
            errors.Add($"limit must be a number from 1 to {MaxLimit}, not '{Truncate(limit)}'");
        }
        return (new AuditFilter(grid, actor, from, null, count), errors);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static AuditEventDto Dto(AuditEvent e) =>
        new(e.Id, e.Time, e.Actor, e.Action, e.Resource, e.Grid, e.Source, e.Outcome, e.Status, e.PreviousHash, e.Hash);
}
