using Satama.Core.Deploys;
using Satama.Core.Model;
using Satama.Core.Security;
using Satama.Master.Lb;
using Satama.Master.Store;
using Satama.Master.Vault;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

/// <summary>
/// Turns the scheduler's assignments and the rollouts in flight into the full desired set of one node, with the values
/// of the vault secrets its containers use (opened here, sent only over the agent link, never part of the spec hash), and the ingress routes when the node runs the load balancer.
/// </summary>
internal sealed class DesiredSetBuilder(IStore store, SecretCipher cipher, LbDesired lb)
{
    /// <summary>The set with version 0; the dispatcher stamps the version when it sends.</summary>
    public async Task<DesiredSet> BuildAsync(string grid, string node, CancellationToken ct)
    {
        var set = new DesiredSet();
        var vault = new VaultSnapshot(store, cipher, grid);
        var allowances = await store.GetAsync(ResourceKinds.Grid, "", grid, ct) is { } gridRow
            ? StoreJson.Read<GridDocument>(gridRow.Spec).Allowances()
            : HostAllowances.None;
        foreach (var row in await store.ListAsync(ResourceKinds.Service, grid, ct))
        {
            var spec = StoreJson.Read<ServiceSpec>(row.Spec);
            var status = StoreJson.Read<ServiceStatusDocument>(row.Status);
            foreach (var instance in RolloutDesired.For(spec, status.Assignments, status.Deployment))
            {
                if (instance.Node == node)
                {
                    var container = Container(instance.Spec, instance.Slot);
                    container.Secrets.AddRange(await vault.DeliverAsync(instance.Spec.Secrets, ct));
                    container.AllowedBinds.AddRange(AllowedBinds(instance.Spec, allowances));
                    set.Containers.Add(container);
                }
            }
        }
        await lb.AddAsync(set, grid, node, ct);
        return set;
    }

    /// <summary>The grid's bind allowances that hold one of the spec's node paths: all the agent needs to judge its binds.</summary>
    public static IReadOnlyList<string> AllowedBinds(ServiceSpec spec, HostAllowances allowances) =>
        allowances.Binds.Count == 0
            ? []
            : allowances.BindsCovering(Core.Security.HostOptions.Of(spec).Where(o => o.Kind == HostOptionKind.Bind && o.Path is not null).Select(o => o.Path!));

    public static DesiredContainer Container(ServiceSpec spec, int number)
    {
        var container = new DesiredContainer
        {
            Name = InstanceNames.Container(spec.Grid, spec.Stack, spec.Name, number, spec.Revision),
            Grid = spec.Grid,
            Stack = spec.Stack,
            Service = spec.Name,
            Instance = number,
            Revision = spec.Revision,
            Image = spec.Image,
            RestartPolicy = spec.Restart.ToWire(),
            SpecHash = SpecHash.Of(spec),
        };
        container.Command.AddRange(spec.Command);
        container.Entrypoint.AddRange(spec.Entrypoint);
        container.Mounts.AddRange(spec.Mounts.Select(MountWire.ToWire));
        container.Configs.AddRange(spec.Configs.Select(MountWire.ToWire));
        container.Env.Add(spec.Env.ToDictionary());
        if (spec.Health is { } check)
        {
            container.HealthCheck = ToWire(check);
        }
        container.Ports.AddRange(spec.Ports.Select(p => new PortBinding { HostPort = p.HostPort, ContainerPort = p.ContainerPort, Protocol = p.Protocol }));
        container.Runtime = RuntimeWire.ToWire(spec.Runtime);
        container.HostOptions = HostOptionsWire.ToWire(spec.Runtime);
        container.Labels.Add(spec.Runtime.Labels.ToDictionary());
        return container;
    }

    public static Protocol.HealthCheck ToWire(Core.Model.HealthCheck check)
    {
        var wire = new Protocol.HealthCheck
        {
            Type = check.Type switch
            {
                HealthCheckType.Tcp => "tcp",
                HealthCheckType.Command => "command",
                _ => "http",
            },
            Port = check.Port,
            Path = check.Path,
            ExpectedStatusMin = check.ExpectedStatusMin,
            ExpectedStatusMax = check.ExpectedStatusMax,
            IntervalMs = Millis(check.Interval),
            TimeoutMs = Millis(check.Timeout),
            Retries = check.Retries,
            StartPeriodMs = Millis(check.StartPeriod),
        };
        wire.Command.AddRange(check.Command);
        return wire;
    }

    private static int Millis(TimeSpan span) => (int)Math.Clamp(span.TotalMilliseconds, 0, int.MaxValue);
}
