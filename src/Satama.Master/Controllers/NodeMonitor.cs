using Microsoft.Extensions.Logging;
using Satama.Client.Dtos;
using Satama.Core.Doctor;
using Satama.Master.Doctor;
using Satama.Master.Store;
using Satama.Protocol;

namespace Satama.Master.Controllers;

/// <summary>
/// Keeps each node's row in step with its link: online while an agent holds a stream,
/// offline when the stream ends or goes silent, and the last container report. Its writes
/// are what wake the scheduler and the dispatchers.
/// </summary>
internal sealed class NodeMonitor(IStore store, TimeProvider time, ILogger<NodeMonitor> logger)
{
    /// <summary>Registers the node on its first Hello and marks it online; returns its spec.</summary>
    public async Task<NodeDocument> ConnectedAsync(string grid, NodeInfo info, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // The node preflight runs on every registration; its findings are stored with the node (satama node show).
        var doctor = DoctorFactsMapping.Diagnose(info, now, DoctorDocument.Registration);
        var existing = await store.GetAsync(ResourceKinds.Node, grid, info.Name, ct);
        if (existing is null)
        {
            var spec = new NodeDocument(Guid.NewGuid().ToString("n"), new SortedDictionary<string, string>(info.Labels.ToDictionary(), StringComparer.Ordinal));
            var status = new NodeStatusDocument(true, now, ToDto(info), []) { Doctor = doctor };
            if (await store.CreateAsync(ResourceKinds.Node, grid, info.Name, StoreJson.Write(spec), StoreJson.Write(status), ct) is not null)
            {
                logger.LogInformation("Node {Node} joined grid {Grid} and is online", info.Name, grid);
                LogPreflight(grid, info.Name, doctor);
                return spec;
            }
        }
        var row = await store.UpdateWithRetryAsync(ResourceKinds.Node, grid, info.Name, current =>
        {
            // The agent's --label values win for their keys (as kubelet's --node-labels do);
            // labels users set on other keys stay.
            var spec = StoreJson.Read<NodeDocument>(current.Spec);
            var labels = new SortedDictionary<string, string>(spec.Labels.ToDictionary(), StringComparer.Ordinal);
            foreach (var (key, value) in info.Labels)
            {
                labels[key] = value;
            }
            var status = StoreJson.Read<NodeStatusDocument>(current.Status);
            return (StoreJson.Write(spec with { Labels = labels }), StoreJson.Write(status with { Online = true, LastSeen = now, Info = ToDto(info), Doctor = doctor }));
        }, ct) ?? throw new InvalidOperationException($"node {grid}/{info.Name} vanished while it connected");
        logger.LogInformation("Node {Node} of grid {Grid} is online", info.Name, grid);
        LogPreflight(grid, info.Name, doctor);
        return StoreJson.Read<NodeDocument>(row.Spec);
    }

    private void LogPreflight(string grid, string node, DoctorDocument doctor)
    {
        var errors = doctor.Findings.Count(f => f.Level == DoctorLevel.Error);
        var warnings = doctor.Findings.Count(f => f.Level == DoctorLevel.Warn);
        if (errors + warnings > 0)
        {
            logger.Log(errors > 0 ? LogLevel.Warning : LogLevel.Information, "Preflight of node {Node} of grid {Grid}: {Errors} errors, {Warnings} warnings ({Checks}); see 'satama node doctor'",
                node, grid, errors, warnings, string.Join(", ", doctor.Findings.Where(f => f.Level != DoctorLevel.Ok).Select(f => f.Check)));
        }
    }

    public async Task DisconnectedAsync(string grid, string node, DateTimeOffset lastSeen, string reason, CancellationToken ct)
    {
        var row = await store.UpdateWithRetryAsync(ResourceKinds.Node, grid, node, current =>
        {
            var status = StoreJson.Read<NodeStatusDocument>(current.Status);
            return (null, StoreJson.Write(status with { Online = false, LastSeen = lastSeen }));
        }, ct);
        if (row is not null)
        {
            logger.LogInformation("Node {Node} of grid {Grid} is offline: {Reason}", node, grid, reason);
        }
    }

    /// <summary>Stores the node's containers as last reported; a report that changes nothing writes nothing.</summary>
    public async Task ReportedAsync(string grid, string node, ContainerReport report, CancellationToken ct)
    {
        var containers = report.Containers
            .Where(c => c.Grid.Length == 0 || c.Grid == grid)
            .Select(ToReported)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        IReadOnlyList<ReportedContainer> before = [];
        var row = await store.UpdateWithRetryAsync(ResourceKinds.Node, grid, node, current =>
        {
            var status = StoreJson.Read<NodeStatusDocument>(current.Status);
            before = status.Containers;
            return (null, StoreJson.Write(status with { Containers = containers }));
        }, ct);
        if (row is not null)
        {
            LogChanges(grid, node, before, containers);
        }
    }

    private void LogChanges(string grid, string node, IReadOnlyList<ReportedContainer> before, IReadOnlyList<ReportedContainer> after)
    {
        var old = before.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var container in after)
        {
            if (!old.Remove(container.Name, out var was) || was.State != container.State || was.Id != container.Id)
            {
                logger.LogInformation("Container {Container} on node {Node} of grid {Grid} is {State}", container.Name, node, grid, container.State);
            }
        }
        foreach (var gone in old.Keys)
        {
            logger.LogInformation("Container {Container} on node {Node} of grid {Grid} is gone", gone, node, grid);
        }
    }

    /// <summary>At start no agent holds a link yet, whatever the store remembers.</summary>
    public async Task MarkAllOfflineAsync(CancellationToken ct)
    {
        foreach (var row in await store.ListAsync(ResourceKinds.Node, null, ct))
        {
            if (StoreJson.Read<NodeStatusDocument>(row.Status).Online)
            {
                await DisconnectedAsync(row.Grid, row.Name, StoreJson.Read<NodeStatusDocument>(row.Status).LastSeen ?? time.GetUtcNow(), "the master restarted", ct);
            }
        }
    }

    private static NodeInfoDto ToDto(NodeInfo info) => new(info.DockerVersion, info.StorageDriver, info.Kernel, info.Cpus,
        info.MemoryBytes, info.Os, info.Address, info.AgentVersion, info.CgroupVersion, info.LogDriver);

    private static ReportedContainer ToReported(ContainerState c) => new(
        c.ContainerId, c.Name, c.Stack, c.Service, c.Instance, c.Revision, c.Image, c.State, c.ExitCode, c.RestartCount,
        c.StartedUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(c.StartedUnixMs) : null,
        c.Error.Length > 0 ? c.Error : null,
        c.IpAddress.Length > 0 ? c.IpAddress : null,
        c.Health.Length > 0 ? c.Health : null,
        c.HealthDetail.Length > 0 ? c.HealthDetail : null,
        c.HealthySinceUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(c.HealthySinceUnixMs) : null);
}
