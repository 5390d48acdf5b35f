using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// Maps normalized stack services to Core's <see cref="ServiceSpec"/>: image, instances, environment, published
/// ports, command, entrypoint, mounts (<see cref="StackMountMapper"/>), configs (<see cref="StackConfigMapper"/>), restart policy, health check, runtime options (<see cref="StackRuntimeMapper"/>), vault secrets (<see cref="StackSecretMapper"/>), placement (<see cref="StackPlacementMapper"/>) and rollout (<see cref="StackRolloutMapper"/>). Everything else is listed as not enforced.
/// </summary>
public static class StackServiceMapper
{
    public static IReadOnlyList<StackServiceMapping> ToServiceSpecs(StackSpec stack, string grid) =>
        DependencyCycles.StartOrder(stack).Select(name => ToServiceSpec(stack, stack.Service(name)!, grid)).ToList();

    public static StackServiceMapping ToServiceSpec(StackSpec stack, StackServiceSpec svc, string grid)
    {
        var notes = new List<string>();
        var command = svc.Command ?? ValueList<string>.Empty;
        var ports = new List<PortMapping>();
        foreach (var port in svc.Ports)
        {
            if (port.Published is { } published)
            {
                ports.Add(new PortMapping(published, port.Target, port.Protocol));
            }
            else
            {
                notes.Add($"ports: container port {port.Target} without a published port (reached over the overlay later)");
            }
            if (port.HostIp is not null || port.Mode is not null)
            {
                notes.Add($"ports: host_ip/mode of port {port.Target}");
            }
        }
        var healthErrors = new List<string>();
        var health = StackHealthChecks.ToHealthCheck(svc.HealthCheck, healthErrors);
        notes.AddRange(healthErrors.Select(e => $"healthcheck: {e}"));
        var spec = new ServiceSpec
        {
            Grid = grid,
            Stack = stack.Name,
            Name = svc.Name,
            Image = svc.Image ?? "",
            // For a daemon (Kontena strategy daemon, Compose mode: global) this counts per node.
            Instances = svc.Instances ?? 1,
            Env = new Dictionary<string, string>(svc.Environment, StringComparer.Ordinal),
            Ports = ports,
            Command = [.. command],
            Entrypoint = [.. svc.Entrypoint ?? ValueList<string>.Empty],
            Mounts = StackMountMapper.ToMounts(stack, svc, grid),
            Configs = StackConfigMapper.ToConfigs(stack, svc, notes),
            Restart = Restart(svc),
            Placement = StackPlacementMapper.ToPlacement(svc, notes),
            Health = StackRolloutMapper.WithWaitForPort(health, svc.Deploy),
            Rollout = StackRolloutMapper.ToRollout(svc.Deploy),
            Secrets = StackSecretMapper.ToSecrets(stack, svc, notes),
            Lb = StackLbMapper.ToLb(svc.Lb),
            Runtime = StackRuntimeMapper.ToRuntime(svc),
        };
        notes.AddRange(NotEnforced(svc));
        return new StackServiceMapping(spec, notes);
    }

    private static RestartPolicy Restart(StackServiceSpec svc)
    {
        if (svc.Restart is { } restart && RestartPolicies.TryParse(restart, out var policy))
        {
            return policy;
        }
        return svc.Deploy?.RestartPolicy?.Condition switch
        {
            "none" => RestartPolicy.No,
            "on-failure" => RestartPolicy.OnFailure,
            _ => RestartPolicy.Always,
        };
    }

    private static IEnumerable<string> NotEnforced(StackServiceSpec s)
    {
        (bool Set, string Key)[] keys =
        [
            (s.Expose.Count > 0, "expose"), (s.Networks.Count > 0, "networks"),
            (s.DependsOn.Count > 0, "depends_on (start order only)"), (s.Links.Count > 0, "links"), (s.ExternalLinks.Count > 0, "external_links"),
            (s.Profiles.Count > 0, "profiles"),
            (s.Hooks is not null, "hooks"), (s.NetworkMode is not null, "network_mode"),
        ];
        return keys.Where(k => k.Set).Select(k => k.Key);
    }
}
