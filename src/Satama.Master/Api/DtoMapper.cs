using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Master.AgentLink;
using Satama.Master.Doctor;
using Satama.Master.Hosting;
using Satama.Master.Store;

namespace Satama.Master.Api;

/// <summary>Maps stored state to the REST DTOs of Satama.Client.</summary>
internal static class DtoMapper
{
    public static GridDto Grid(GridView grid) =>
        new(grid.Name, grid.Document.Subnet, grid.Nodes.Count, grid.Services.Count, grid.Row.Created);

    public static GridDetailsDto GridDetails(GridView grid, MasterContext master) => new(
        grid.Name,
        grid.Document.Subnet,
        grid.Row.Created,
        grid.Document.Token,
        $"satama agent start --master {master.AdvertisedUrl.GetLeftPart(UriPartial.Authority)} --grid-token {grid.Document.Token} --ca-fingerprint {master.CaFingerprint}",
        grid.Nodes.Select(n => n.Row.Name).ToList(),
        grid.Services.Select(s => GridView.DisplayName(s.Spec)).ToList(),
        (grid.Document.GracePeriod ?? master.Options.OfflineGracePeriod).TotalSeconds,
        grid.Document.AllowedOptions ?? [],
        grid.Document.AllowedBinds ?? []);

    public static NodeDto Node(string grid, GridView.NodeEntry node, ConnectionRegistry links)
    {
        var link = links.Find(grid, node.Row.Name);
        var info = node.Status.Info ?? new NodeInfoDto("", "", "", 0, 0, "", "", "", "", "");
        return new NodeDto(node.Spec.Id, node.Row.Name, grid, link is not null, node.Spec.Labels, node.Status.Containers.Count,
            link?.LastSeen ?? node.Status.LastSeen, node.Row.Created, info)
        {
            Doctor = node.Status.Doctor is { } doctor ? NodeDoctorEndpoints.ToDto(grid, node.Row.Name, doctor) : null,
        };
    }

    public static ServiceDto Service(GridView grid, GridView.ServiceEntry service)
    {
        var spec = service.Spec;
        // A daemon numbers its instances across nodes: list the ones it has, not 1..N.
        var numbers = spec.Placement.Strategy == PlacementStrategy.Daemon
            ? service.Status.Assignments.Keys.Union(service.Status.Unplaced.Keys).Order()
            : Enumerable.Range(1, spec.Instances);
        var instances = numbers.Select(n => Instance(grid, service, n)).ToList();
        var problems = service.Status.Unplaced
            .Where(u => spec.Placement.Covers(spec.Instances, u.Key))
            .Select(u => $"{InstanceNames.Instance(spec.Name, u.Key)}: {u.Value}")
            .ToList();
        // Instances stay on an offline node (no rescheduling yet); say so, since their state is only last-known.
        problems.AddRange(service.Status.Assignments
            .Where(a => spec.Placement.Covers(spec.Instances, a.Key) && grid.FindNode(a.Value) is { Status.Online: false })
            .Select(a => $"{InstanceNames.Instance(spec.Name, a.Key)}: node {a.Value} is offline; its state is the last one reported"));
        return new ServiceDto(spec.Grid, spec.Stack, spec.Name, spec.Image, spec.Instances,
            instances.Count(i => i.State == "running"), spec.Revision, spec.Env,
            spec.Ports.Select(p => new PortDto(p.HostPort, p.ContainerPort, p.Protocol)).ToList(),
            spec.Command, spec.Restart.ToWire(), service.Row.Created, service.Row.Updated, instances, problems,
            instances.Count(i => i.State == "running" && i.Health == "healthy"), HealthCheckMapping.ToDto(spec.Health),
            DeploymentMapping.Current(service.Status.Deployment), service.Status.Deployment.Deployed?.Revision ?? 0,
            DeploymentMapping.Last(service.Status.Deployment), RolloutMapping.ToDto(spec),
            ServiceSecretMapping.ToDto(spec.Secrets), RuntimeMapping.ToDto(spec.Runtime),
            spec.Entrypoint.Count == 0 ? null : spec.Entrypoint,
            spec.Mounts.Count == 0 ? null : [.. spec.Mounts.Select(m => new MountDto(m.Type.ToString().ToLowerInvariant(), m.VolumeName ?? m.Source, m.Target, m.ReadOnly, m.External))],
            spec.Configs.Count == 0 ? null : [.. spec.Configs.Select(c => new ConfigMountDto(c.Name, c.Target))]);
    }

    public static ContainerDto Container(string grid, string node, ReportedContainer c) => new(
        c.Id, c.Name, node, grid, c.Stack, c.Service, c.Instance, c.Image, c.State, c.RestartCount, c.Revision,
        c.State is "exited" or "dead" ? c.ExitCode : null, c.IpAddress, c.StartedAt);

    // pending: no node; assigned: placed but its node has not reported the container yet.
    private static InstanceDto Instance(GridView grid, GridView.ServiceEntry service, int number)
    {
        var spec = service.Spec;
        var name = InstanceNames.Instance(spec.Name, number);
        if (!service.Status.Assignments.TryGetValue(number, out var node))
        {
            return new InstanceDto(name, number, null, null, "pending", 0, spec.Revision, null, null, null);
        }
        // During a rollout a slot may hold two containers: show the newest.
        var container = grid.FindNode(node)?.Status.Containers
            .Where(c => c.Stack == spec.Stack && c.Service == spec.Name && c.Instance == number)
            .MaxBy(c => c.Revision);
        return container is null
            ? new InstanceDto(name, number, node, null, "assigned", 0, spec.Revision, null, null, null)
            : new InstanceDto(name, number, node, container.Id, container.State, container.RestartCount, container.Revision,
                container.State is "exited" or "dead" ? container.ExitCode : null, container.Error, container.StartedAt,
                container.State == "running" ? container.Health ?? "none" : "none", container.HealthDetail);
    }
}
