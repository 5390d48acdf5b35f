using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Core.Security;
using Satama.Master.Audit;
using Satama.Master.Auth;
using Satama.Master.Controllers;
using Satama.Master.Stacks;
using Satama.Master.Store;
using Satama.Master.Vault;

namespace Satama.Master.Api;

/// <summary>
/// /v1/grids/{grid}/stacks: install, upgrade, diff, roll back and remove stacks. The master renders the stack file
/// itself; every change is all-or-nothing on validation, kept as a revision, and followed by a scheduler pass.
/// </summary>
internal static class StackEndpoints
{
    // Stack changes are rare and span several rows: one at a time keeps a plan and its writes consistent.
    private static readonly SemaphoreSlim s_gate = new(1, 1);

    public static void MapStackEndpoints(this IEndpointRouteBuilder v1)
    {
        var stacks = v1.MapGroup("/grids/{grid}/stacks").WithTags("Stacks");
        stacks.MapGet("", ListAsync).Produces<List<StackDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        stacks.MapPost("", InstallAsync).Produces<StackChangeDto>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridUser);
        stacks.MapGet("/{stack}", GetAsync).Produces<StackDto>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        stacks.MapPut("/{stack}", UpgradeAsync).Produces<StackChangeDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridUser);
        stacks.MapDelete("/{stack}", DeleteAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.GridUser);
        // A diff changes nothing: not an audit event.
        stacks.MapPost("/{stack}/diff", DiffAsync).WithMetadata(new NotAuditedAttribute()).Produces<StackChangeDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        stacks.MapGet("/{stack}/revisions", RevisionsAsync).Produces<List<StackRevisionDto>>().ProducesProblem(StatusCodes.Status404NotFound).RequireAccess(Access.Viewer);
        stacks.MapPost("/{stack}/rollback", RollbackAsync).Produces<StackChangeDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAccess(Access.GridUser);
    }

    private static async Task<IResult> ListAsync(string grid, IStore store, CancellationToken ct)
    {
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        var rows = await store.ListAsync(StackKinds.Stack, grid, ct);
        return TypedResults.Ok(rows.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => StackViews.Stack(view, r)).ToList());
    }

    private static async Task<IResult> GetAsync(string grid, string stack, IStore store, CancellationToken ct)
    {
        var found = await FindAsync(store, grid, stack, ct);
        return found.Problem ?? TypedResults.Ok(StackViews.Stack(found.Grid!, found.Row!));
    }

    private static async Task<IResult> InstallAsync(HttpContext http, string grid, StackFileRequest request, IStore store, SchedulerController scheduler,
        TimeProvider time, SecretCipher cipher, ILoggerFactory loggers, CancellationToken ct)
    {
        if (CheckRequest(request) is { } bad)
        {
            return bad;
        }
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return notFound!;
        }
        var rendering = StackRenderer.Render(grid, request.Name, Source(request), await StackVault.LoadAsync(store, cipher, grid, ct));
        if (!rendering.Succeeded)
        {
            return Invalid(rendering);
        }
        var name = rendering.Stack!.Name;
        IReadOnlyList<StackServicePlan> plans;
        await s_gate.WaitAsync(ct);
        try
        {
            view = await GridView.LoadAsync(store, grid, ct);
            if (view is null)
            {
                return Problems.NotFound($"grid '{grid}' was removed meanwhile");
            }
            if (await store.GetAsync(StackKinds.Stack, grid, name, ct) is not null)
            {
                return Problems.Conflict($"stack '{name}' already exists in grid '{grid}': change it with 'satama stack upgrade {name} FILE', or install under another --name");
            }
            var taken = view.Services.Where(s => s.Spec.Stack == name).Select(s => s.Spec.QualifiedName).ToList();
            if (taken.Count > 0)
            {
                return Problems.Conflict($"services {string.Join(", ", taken)} already exist in grid '{grid}' outside a stack install: remove them first");
            }
            plans = StackPlanner.Plan([], rendering.Services);
            if (CheckHostOptions(http, view, rendering, plans) is { } forbidden)
            {
                return forbidden;
            }
            var now = time.GetUtcNow();
            var document = Document(rendering, 1, now);
            await store.CreateAsync(StackKinds.Revision, grid, StackKinds.RevisionName(name, 1), StoreJson.Write(Revision(document, "install", null, now)), "{}", ct);
            if (await store.CreateAsync(StackKinds.Stack, grid, name, StoreJson.Write(document), "{}", ct) is null)
            {
                return Problems.Conflict($"stack '{name}' already exists in grid '{grid}'");
            }
            // Before the services, so that their first desired set already carries these secrets.
            await StackVault.WriteMissingAsync(store, cipher, time, grid, rendering.VaultWrites, ct);
            try
            {
                await StackApplier.ApplyAsync(store, grid, name, plans, ct);
            }
            catch (StackConflictException e)
            {
                // All or nothing: take back what this install made.
                foreach (var service in e.Created)
                {
                    await StackApplier.DeleteServiceAsync(store, grid, ServiceKey.Of(name, service), CancellationToken.None);
                }
                await StackApplier.DeleteAsync(store, StackKinds.Stack, grid, name, CancellationToken.None);
                await StackApplier.DeleteAsync(store, StackKinds.Revision, grid, StackKinds.RevisionName(name, 1), CancellationToken.None);
                return Problems.Conflict(e.Message);
            }
            loggers.CreateLogger(typeof(StackEndpoints)).LogInformation("Installed stack {Stack} in grid {Grid} with {Services} services",
                name, grid, plans.Count);
        }
        finally
        {
            s_gate.Release();
        }
        await scheduler.ReconcileGridAsync(grid, ct);
        var answer = await AnswerAsync(store, grid, name, 1, plans, rendering, ct);
        return TypedResults.Created($"/v1/grids/{grid}/stacks/{name}", answer);
    }

    private static async Task<IResult> UpgradeAsync(HttpContext http, string grid, string stack, StackFileRequest request, IStore store, SchedulerController scheduler,
        TimeProvider time, SecretCipher cipher, ILoggerFactory loggers, CancellationToken ct)
    {
        if (CheckRequest(request) is { } bad)
        {
            return bad;
        }
        await s_gate.WaitAsync(ct);
        try
        {
            var found = await FindAsync(store, grid, stack, ct);
            if (found.Problem is not null)
            {
                return found.Problem;
            }
            var current = StoreJson.Read<StackDocument>(found.Row!.Spec);
            var rendering = StackRenderer.Render(grid, stack, KeepGenerated(Source(request), current.Source), await StackVault.LoadAsync(store, cipher, grid, ct));
            return rendering.Succeeded
                ? await ChangeAsync(http, store, scheduler, time, cipher, loggers, found.Grid!, found.Row, rendering, "upgrade", null, ct)
                : Invalid(rendering);
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static async Task<IResult> DiffAsync(string grid, string stack, StackFileRequest request, IStore store, SecretCipher cipher, CancellationToken ct)
    {
        if (CheckRequest(request) is { } bad)
        {
            return bad;
        }
        var found = await FindAsync(store, grid, stack, ct);
        if (found.Problem is not null)
        {
            return found.Problem;
        }
        var current = StoreJson.Read<StackDocument>(found.Row!.Spec);
        var rendering = StackRenderer.Render(grid, stack, KeepGenerated(Source(request), current.Source), await StackVault.LoadAsync(store, cipher, grid, ct));
        if (!rendering.Succeeded)
        {
            return Invalid(rendering);
        }
        var plans = StackPlanner.Plan(CurrentServices(found.Grid!, stack), rendering.Services);
        return TypedResults.Ok(new StackChangeDto(stack, current.Revision, plans.Select(StackViews.Change).ToList(), rendering.Warnings, null));
    }

    private static async Task<IResult> RevisionsAsync(string grid, string stack, IStore store, CancellationToken ct)
    {
        var found = await FindAsync(store, grid, stack, ct);
        if (found.Problem is not null)
        {
            return found.Problem;
        }
        return TypedResults.Ok((await RevisionDocumentsAsync(store, grid, stack, ct)).Select(StackViews.Revision).ToList());
    }

    private static async Task<IResult> RollbackAsync(HttpContext http, string grid, string stack, StackRollbackRequest? request, IStore store, SchedulerController scheduler,
        TimeProvider time, SecretCipher cipher, ILoggerFactory loggers, CancellationToken ct)
    {
        await s_gate.WaitAsync(ct);
        try
        {
            var found = await FindAsync(store, grid, stack, ct);
            if (found.Problem is not null)
            {
                return found.Problem;
            }
            var current = StoreJson.Read<StackDocument>(found.Row!.Spec);
            var target = request?.Revision ?? current.Revision - 1;
            if (request?.Revision is null && target < 1)
            {
                return Problems.BadRequest($"stack '{stack}' has only revision {current.Revision}: there is no earlier revision to roll back to");
            }
            if (target == current.Revision)
            {
                return Problems.BadRequest($"stack '{stack}' is at revision {target} already");
            }
            var revisions = await RevisionDocumentsAsync(store, grid, stack, ct);
            if (revisions.FirstOrDefault(r => r.Revision == target) is not { } revision)
            {
                return Problems.NotFound("revision", target.ToString(CultureInfo.InvariantCulture),
                    revisions.Select(r => r.Revision.ToString(CultureInfo.InvariantCulture)), $"stack '{stack}'");
            }
            var rendering = StackRenderer.Render(grid, stack, revision.Source, await StackVault.LoadAsync(store, cipher, grid, ct));
            return rendering.Succeeded
                ? await ChangeAsync(http, store, scheduler, time, cipher, loggers, found.Grid!, found.Row, rendering, "rollback", target, ct)
                : Invalid(rendering);
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static async Task<IResult> DeleteAsync(string grid, string stack, IStore store, SchedulerController scheduler, ILoggerFactory loggers,
        CancellationToken ct)
    {
        await s_gate.WaitAsync(ct);
        try
        {
            var found = await FindAsync(store, grid, stack, ct);
            if (found.Problem is not null)
            {
                return found.Problem;
            }
            foreach (var service in found.Grid!.Services.Where(s => s.Spec.Stack == stack))
            {
                await StackApplier.DeleteServiceAsync(store, grid, service.Row.Name, ct);
            }
            foreach (var revision in await store.ListAsync(StackKinds.Revision, grid, ct))
            {
                if (revision.Name.StartsWith(stack + "@", StringComparison.Ordinal))
                {
                    await StackApplier.DeleteAsync(store, StackKinds.Revision, grid, revision.Name, ct);
                }
            }
            await StackApplier.DeleteAsync(store, StackKinds.Stack, grid, stack, ct);
            loggers.CreateLogger(typeof(StackEndpoints)).LogInformation("Removed stack {Stack} and its services from grid {Grid}", stack, grid);
        }
        finally
        {
            s_gate.Release();
        }
        await scheduler.ReconcileGridAsync(grid, ct);
        return TypedResults.NoContent();
    }

    // Upgrade and rollback: a new revision, then only what changed is written.
    private static async Task<IResult> ChangeAsync(HttpContext http, IStore store, SchedulerController scheduler, TimeProvider time, SecretCipher cipher,
        ILoggerFactory loggers, GridView view, StoredResource row, StackRendering rendering, string action, long? rolledBackTo, CancellationToken ct)
    {
        var grid = view.Name;
        var current = StoreJson.Read<StackDocument>(row.Spec);
        var stack = current.Name;
        var plans = StackPlanner.Plan(CurrentServices(view, stack), rendering.Services);
        if (CheckHostOptions(http, view, rendering, plans) is { } forbidden)
        {
            return forbidden;
        }
        var now = time.GetUtcNow();
        var next = current.Revision + 1;
        var document = Document(rendering, next, now);
        await store.CreateAsync(StackKinds.Revision, grid, StackKinds.RevisionName(stack, next), StoreJson.Write(Revision(document, action, rolledBackTo, now)), "{}", ct);
        if (await store.UpdateAsync(StackKinds.Stack, grid, stack, row.Revision, StoreJson.Write(document), null, ct) is null)
        {
            await StackApplier.DeleteAsync(store, StackKinds.Revision, grid, StackKinds.RevisionName(stack, next), CancellationToken.None);
            return Problems.Conflict($"stack '{stack}' changed meanwhile; try again");
        }
        await StackVault.WriteMissingAsync(store, cipher, time, grid, rendering.VaultWrites, ct);
        try
        {
            await StackApplier.ApplyAsync(store, grid, stack, plans, ct);
        }
        catch (StackConflictException e)
        {
            return Problems.Conflict(e.Message);
        }
        loggers.CreateLogger(typeof(StackEndpoints)).LogInformation(
            "Stack {Stack} in grid {Grid} at revision {Revision} ({Action}): {Changed} services redeployed, {Added} added, {Removed} removed",
            stack, grid, next, action, plans.Count(p => p.Change == StackPlanner.Changed), plans.Count(p => p.Change == StackPlanner.Added),
            plans.Count(p => p.Change == StackPlanner.Removed));
        await scheduler.ReconcileGridAsync(grid, ct);
        return TypedResults.Ok(await AnswerAsync(store, grid, stack, next, plans, rendering, ct));
    }

    private static async Task<StackChangeDto> AnswerAsync(IStore store, string grid, string stack, long revision, IReadOnlyList<StackServicePlan> plans,
        StackRendering rendering, CancellationToken ct)
    {
        var view = (await GridView.LoadAsync(store, grid, ct))!;
        var row = await store.GetAsync(StackKinds.Stack, grid, stack, ct);
        return new StackChangeDto(stack, revision, plans.Select(StackViews.Change).ToList(), rendering.Warnings,
            row is null ? null : StackViews.Stack(view, row));
    }

    // Only the services the change adds or reshapes: one it keeps (or only scales, moves, re-routes) gets nothing new.
    private static IResult? CheckHostOptions(HttpContext http, GridView view, StackRendering rendering, IReadOnlyList<StackServicePlan> plans)
    {
        var written = plans.Where(p => p.Change is StackPlanner.Added or StackPlanner.Changed).Select(p => p.Service).ToHashSet(StringComparer.Ordinal);
        return HostOptionGate.Check(http, view.Name, view.Document.Allowances(), rendering.HostOptions.Where(u => written.Contains(u.Service)));
    }

    private static List<ServiceSpec> CurrentServices(GridView view, string stack) =>
        view.Services.Where(s => s.Spec.Stack == stack).Select(s => s.Spec).ToList();

    private static async Task<List<StackRevisionDocument>> RevisionDocumentsAsync(IStore store, string grid, string stack, CancellationToken ct) =>
        (await store.ListAsync(StackKinds.Revision, grid, ct))
            .Where(r => r.Name.StartsWith(stack + "@", StringComparison.Ordinal))
            .Select(r => StoreJson.Read<StackRevisionDocument>(r.Spec))
            .OrderBy(r => r.Revision)
            .ToList();

    private static StackDocument Document(StackRendering rendering, long revision, DateTimeOffset now) =>
        new(rendering.Stack!.Name, revision, rendering.Source, rendering.Stack.Description,
            rendering.Services.Select(s => s.Name).ToList(), StackKinds.Author, now);

    private static StackRevisionDocument Revision(StackDocument document, string action, long? rolledBackTo, DateTimeOffset now) =>
        new(document.Revision, action, rolledBackTo, document.Source, document.Services, document.Author, now);

    private static StackSource Source(StackFileRequest request) => new(
        request.File.Trim(),
        request.Text,
        Copy(request.Files),
        Copy(request.Variables),
        Copy(request.Generated),
        Copy(request.Environment));

    // A generated value (a password made at install) stays what it was across upgrades; --var replaces it.
    private static StackSource KeepGenerated(StackSource incoming, StackSource current)
    {
        var generated = new Dictionary<string, string>(incoming.Generated, StringComparer.Ordinal);
        foreach (var (key, value) in current.Generated)
        {
            generated[key] = value;
        }
        return incoming with { Generated = generated };
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string>? values)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            if (value is not null)
            {
                copy[key] = value;
            }
        }
        return copy;
    }

    private static IResult? CheckRequest(StackFileRequest? request)
    {
        var errors = new List<string>();
        if (request is null)
        {
            return Problems.BadRequest("the request has no body: send the stack file as {\"file\": NAME, \"text\": TEXT}");
        }
        if (string.IsNullOrWhiteSpace(request.File))
        {
            errors.Add("file (the stack file's name) is missing");
        }
        if (request.Text is null)
        {
            errors.Add("text (the stack file's content) is missing");
        }
        return errors.Count > 0 ? Problems.BadRequest(errors) : null;
    }

    // One diagnostic per line: the CLI prints each as its own "error:" line.
    private static IResult Invalid(StackRendering rendering) =>
        TypedResults.Problem(string.Join("\n", rendering.Errors), statusCode: StatusCodes.Status400BadRequest, title: "Invalid stack file");

    private static async Task<(GridView? Grid, StoredResource? Row, IResult? Problem)> FindAsync(IStore store, string grid, string stack, CancellationToken ct)
    {
        if (stack == Names.NullStack)
        {
            return (null, null, Problems.BadRequest($"stack name '{stack}' is reserved for services created outside any stack"));
        }
        var (view, notFound) = await GridEndpoints.FindAsync(store, grid, ct);
        if (view is null)
        {
            return (null, null, notFound);
        }
        var row = await store.GetAsync(StackKinds.Stack, grid, stack, ct);
        if (row is not null)
        {
            return (view, row, null);
        }
        var names = (await store.ListAsync(StackKinds.Stack, grid, ct)).Select(r => r.Name).Order(StringComparer.Ordinal);
        return (view, null, Problems.NotFound("stack", stack, names, $"grid '{grid}'"));
    }
}
