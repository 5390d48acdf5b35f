using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Satama.Core.Deploys;
using Satama.Core.Model;
using Satama.Core.Scheduling;
using Satama.Master.Store;

namespace Satama.Master.Controllers;

/// <summary>
/// Places and unplaces instances: for each grid, reads services and nodes, asks Core's
/// <see cref="InstancePlacer"/> for a plan per service and writes it as the service's
/// status (revision-checked; a conflict re-plans). Runs on every store change, on a resync
/// timer, when an offline node passes a grace period (its stateless instances move), and
/// directly from the API after a change so answers already show placement. In the same pass and
/// the same write, Core's <see cref="RolloutDriver"/> moves each service's rollout one step, from the
/// containers the agents report: placement and rollout never disagree, and a rollback that restores
/// the previous spec is one revision-checked write.
/// </summary>
internal sealed class SchedulerController(IStore store, MasterOptions options, TimeProvider time, ILogger<SchedulerController> logger) : BackgroundService
{
    private const int MaxPasses = 10;

    // One pass at a time: two concurrent passes would place the same instance twice.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // The earliest moment an offline node passes a grace period, over the grids of the last pass.
    private DateTimeOffset? _nextLapse;

    // Per grid, the store sequence at which a pass found nothing else written meanwhile, and the next wake it saw
    // (a grace period, a drain, a deadline): until the sequence moves or that moment comes, another pass would plan the same (guarded by _gate).
    private readonly Dictionary<string, (long Sequence, DateTimeOffset? Lapse)> _settled = new(StringComparer.Ordinal);

    private readonly RowCache<(NodeView View, NodeStatusDocument Status)> _nodeViews = new();
    private readonly RowCache<(ServiceSpec Spec, ServiceStatusDocument Status)> _serviceDocuments = new();

    // No agent holds a link when the master starts: a node counts as offline at most since then, so a
    // master that was down a while does not move every instance before the agents have had time to reconnect.
    private readonly DateTimeOffset _started = time.GetUtcNow();

    private readonly RolloutReasonThrottle _reasons = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            var seen = store.Changes.Sequence;
            try
            {
                _nextLapse = null;
                foreach (var grid in await store.ListAsync(ResourceKinds.Grid, "", stoppingToken))
                {
                    await ReconcileGridAsync(grid.Name, stoppingToken);
                }
                backoff = TimeSpan.FromMilliseconds(200);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Scheduler pass failed; retrying in {Delay}", backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                continue;
            }
            using var resync = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            resync.CancelAfter(NextWake());
            try
            {
                await store.Changes.WaitAsync(seen, resync.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The resync timer: re-plan even though nothing announced a change.
            }
        }
    }

    // The resync interval, or sooner when a node will pass a grace period before it.
    private TimeSpan NextWake()
    {
        var wake = options.ResyncInterval;
        if (_nextLapse is { } lapse && lapse - time.GetUtcNow() < wake)
        {
            wake = lapse - time.GetUtcNow();
        }
        return wake < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : wake;
    }

    /// <summary>Re-plans every service of the grid until a pass applies without a revision conflict.</summary>
    public async Task ReconcileGridAsync(string grid, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // An API call right after the loop's own pass (or the loop woken by the writes of a pass) has nothing new to plan.
            if (_settled.TryGetValue(grid, out var settled) && settled.Sequence == store.Changes.Sequence &&
                (settled.Lapse is null || settled.Lapse > time.GetUtcNow()))
            {
                Wake(settled.Lapse);
                return;
            }
            _settled.Remove(grid);
            for (var pass = 0; pass < MaxPasses && !await PassAsync(grid, ct); pass++)
            {
                logger.LogDebug("Scheduler pass of grid {Grid} met a concurrent write; planning again", grid);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <returns>false when a write lost to a concurrent one.</returns>
    private async Task<bool> PassAsync(string grid, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sequence = store.Changes.Sequence;
        // Parsed once per row revision: in a large grid most rows have not changed since the last pass.
        var nodeRows = _nodeViews.Read(grid, await store.ListAsync(ResourceKinds.Node, grid, ct), Node).Select(n => n.Value).ToList();
        var nodes = nodeRows.Select(n => n.View).ToList();
        var observed = Observations.Of(nodeRows.Select(n => (n.View.Name, n.Status)));
        // Older services first: when two want the same host port, the one created first keeps it.
        var services = _serviceDocuments.Read(grid, await store.ListAsync(ResourceKinds.Service, grid, ct),
                r => (Spec: StoreJson.Read<ServiceSpec>(r.Spec), Status: StoreJson.Read<ServiceStatusDocument>(r.Status)))
            .Select(r => (r.Row, r.Value.Spec, r.Value.Status))
            .OrderBy(s => s.Row.Created).ThenBy(s => s.Row.Name, StringComparer.Ordinal)
            .ToList();
        // Instances above a service's count are on their way out and hold no port for the others.
        var existing = services
            .SelectMany(s => s.Status.Assignments.Where(a => s.Spec.Placement.Covers(s.Spec.Instances, a.Key))
                .Select(a => InstanceView.Of(s.Spec, a.Key, a.Value)))
            .ToList();
        var grace = await GracePeriodAsync(grid, ct);
        var lapse = Rescheduling.NextLapse(nodes, services.Select(s => s.Spec), grace, now);
        Wake(lapse);
        // The earliest moment this grid needs a pass with no news: a grace period lapses, a drain ends, a deadline passes.
        var wake = lapse;
        var clean = true;
        var writes = 0;
        foreach (var (row, spec, before) in services)
        {
            // A service with nothing to do (the usual case in a large grid) is settled from its own instances alone,
            // and a settled plan equal to the stored status writes nothing; only the others pay for the whole grid.
            var own = before.Assignments.Where(a => spec.Placement.Covers(spec.Instances, a.Key)).Select(a => InstanceView.Of(spec, a.Key, a.Value)).ToList();
            var request = new PlacementRequest(spec, nodes, own) { Now = now, GridGracePeriod = grace };
            // A rollout in flight or due (a new revision) needs the pass even when placement has nothing to do.
            var deployed = before.Deployment.Rollout is null && before.Deployment.Deployed?.Revision == spec.Revision;
            if (deployed && InstancePlacer.Settled(request) is not null && before.Unplaced.Count == 0 && own.Count == before.Assignments.Count)
            {
                continue;
            }
            var plan = InstancePlacer.Plan(request with { Existing = existing });
            existing.RemoveAll(e => e.Of(spec));
            existing.AddRange(plan.Assignments.Select(a => InstanceView.Of(spec, a.Instance, a.Node)));
            var assignments = new SortedDictionary<int, string>(plan.Assignments.ToDictionary(a => a.Instance, a => a.Node));
            var rollout = RolloutDriver.Advance(new RolloutInput
            {
                Spec = spec,
                Prior = before.Deployment,
                PriorAssignments = before.Assignments,
                Assignments = assignments,
                Observed = observed.For(spec),
                Now = now,
            });
            Wake(rollout.WakeAt);
            wake = Earliest(wake, rollout.WakeAt);
            var after = new ServiceStatusDocument(assignments, new SortedDictionary<int, string>(plan.Unplaced.ToDictionary(u => u.Instance, u => u.Reason)))
            {
                Deployment = rollout.State,
                Draining = RolloutDesired.Draining(spec, rollout.State),
            };
            var json = StoreJson.Write(after);
            if (rollout.Revert is null && (json == row.Status || _reasons.OnlyTimeMoved(row, before, after, now)))
            {
                continue;
            }
            var specJson = rollout.Revert is { } revert ? StoreJson.Write(revert) : null;
            if (await store.UpdateAsync(ResourceKinds.Service, grid, row.Name, row.Revision, specJson, json, ct) is null)
            {
                clean = false;
                continue;
            }
            _reasons.Written(row, now);
            writes++;
            LogChanges(grid, spec, before, after);
            foreach (var line in rollout.Events)
            {
                logger.LogInformation("Deploy in grid {Grid}: {Event}", grid, line);
            }
            foreach (var move in plan.Moved)
            {
                logger.LogInformation("Rescheduled {Instance} of {Stack}/{Service} in grid {Grid} from {From} to {To}: its node was offline past the grace period or no longer matches",
                    InstanceNames.Instance(spec.Name, move.Instance), spec.Stack, spec.Name, grid, move.From, move.To);
            }
        }
        // Every write advances the sequence by one: when only this pass wrote, what it planned is the grid as it is now.
        if (clean && store.Changes.Sequence == sequence + writes)
        {
            _settled[grid] = (sequence + writes, wake);
        }
        return clean;
    }

    // The grid's own grace period (grid create --grace-period), else the master's.
    private async Task<TimeSpan> GracePeriodAsync(string grid, CancellationToken ct) =>
        await store.GetAsync(ResourceKinds.Grid, "", grid, ct) is { } row && StoreJson.Read<GridDocument>(row.Spec).GracePeriod is { } grace
            ? grace
            : options.OfflineGracePeriod;

    // Remembers the earliest moment some pass must run again with no news (a grace period lapses, a drain ends, a deadline passes).
    private void Wake(DateTimeOffset? at) => _nextLapse = Earliest(_nextLapse, at);

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private (NodeView View, NodeStatusDocument Status) Node(StoredResource row)
    {
        var status = StoreJson.Read<NodeStatusDocument>(row.Status);
        return (ToView(row, status), status);
    }

    // Capacity comes from what the agent reported (0: unknown, never exhausted); an offline node is offline since it
    // was last heard, or since this master started if that is later.
    private NodeView ToView(StoredResource row, NodeStatusDocument status)
    {
        return new NodeView(row.Name, status.Online, StoreJson.Read<NodeDocument>(row.Spec).Labels)
        {
            Cpus = status.Info?.Cpus ?? 0,
            MemoryBytes = status.Info?.MemoryBytes ?? 0,
            OfflineSince = status.Online ? null : status.LastSeen is { } seen && seen > _started ? seen : _started,
        };
    }

    private void LogChanges(string grid, ServiceSpec spec, ServiceStatusDocument before, ServiceStatusDocument after)
    {
        foreach (var (number, node) in after.Assignments)
        {
            if (!before.Assignments.TryGetValue(number, out var old) || old != node)
            {
                logger.LogInformation("Placed {Instance} of {Stack}/{Service} in grid {Grid} on {Node}",
                    InstanceNames.Instance(spec.Name, number), spec.Stack, spec.Name, grid, node);
            }
        }
        foreach (var (number, node) in before.Assignments.Where(b => !after.Assignments.ContainsKey(b.Key)))
        {
            logger.LogInformation("Removed {Instance} of {Stack}/{Service} in grid {Grid} from {Node}",
                InstanceNames.Instance(spec.Name, number), spec.Stack, spec.Name, grid, node);
        }
        foreach (var (number, reason) in after.Unplaced)
        {
            if (!before.Unplaced.TryGetValue(number, out var old) || old != reason)
            {
                logger.LogInformation("Could not place {Instance} of {Stack}/{Service} in grid {Grid}: {Reason}",
                    InstanceNames.Instance(spec.Name, number), spec.Stack, spec.Name, grid, reason);
            }
        }
    }
}
