using Satama.Core.Model;
using Satama.Master.Lb;
using Satama.Master.Store;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

/// <summary>Turns the scheduler's assignments into the full desired set of one node.</summary>
internal sealed class DesiredSetBuilder(IStore store, LbDesired lb)
{
    /// <summary>The set with version 0; the dispatcher stamps the version when it sends.</summary>
    public async Task<DesiredSet> BuildAsync(string grid, string node, CancellationToken ct)
    {
        var set = new DesiredSet();
        foreach (var row in await store.ListAsync(ResourceKinds.Service, grid, ct))
        {
            var spec = StoreJson.Read<ServiceSpec>(row.Spec);
            var status = StoreJson.Read<ServiceStatusDocument>(row.Status);
            foreach (var (number, assigned) in status.Assignments)
            {
                if (assigned == node && spec.Placement.Covers(spec.Instances, number))
                {
                    set.Containers.Add(Container(spec, number));
                }
            }
        }
        await lb.AddAsync(set, grid, node, ct);
        return set;
    }

    public static DesiredContainer Container(ServiceSpec spec, int number)
    {
        var container = new DesiredContainer
        {
            Name = InstanceNames.Container(spec.Grid, spec.Stack, spec.Name, number),
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
        container.Env.Add(spec.Env.ToDictionary());
        if (spec.Health is { } check)
        {
            container.HealthCheck = ToWire(check);
        }
        container.Ports.AddRange(spec.Ports.Select(p => new PortBinding { HostPort = p.HostPort, ContainerPort = p.ContainerPort, Protocol = p.Protocol }));
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
