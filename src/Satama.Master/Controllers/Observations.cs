using Satama.Core.Deploys;
using Satama.Core.Model;
using Satama.Master.Store;

namespace Satama.Master.Controllers;

/// <summary>
/// The containers the agents of online nodes last reported, by service, as the rollout driver
/// reads them. An offline node's reports are left out: nothing is known of their health now.
/// </summary>
internal sealed class Observations
{
    private readonly ILookup<(string Stack, string Service), ObservedInstance> _byService;

    private Observations(ILookup<(string, string), ObservedInstance> byService) => _byService = byService;

    public static Observations Of(IEnumerable<(string Node, NodeStatusDocument Status)> nodes) =>
        new(nodes
            .Where(n => n.Status.Online)
            .SelectMany(n => n.Status.Containers.Select(c => (Key: (c.Stack, c.Service), Seen: Observe(n.Node, c))))
            .ToLookup(x => x.Key, x => x.Seen));

    public IReadOnlyList<ObservedInstance> For(ServiceSpec spec) => [.. _byService[(spec.Stack, spec.Name)]];

    private static ObservedInstance Observe(string node, ReportedContainer container) =>
        new(node, container.Instance, container.Revision, container.State == "running", Health(container.Health), container.HealthDetail, container.HealthySince);

    public static InstanceHealth Health(string? reported) => reported switch
    {
        "healthy" => InstanceHealth.Healthy,
        "unhealthy" => InstanceHealth.Unhealthy,
        "starting" => InstanceHealth.Starting,
        _ => InstanceHealth.None,
    };
}
