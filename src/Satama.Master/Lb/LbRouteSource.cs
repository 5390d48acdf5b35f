using Satama.Core.Deploys;
using Satama.Core.Lb;
using Satama.Core.Model;
using Satama.Master.Store;

namespace Satama.Master.Lb;

/// <summary>Reads what <see cref="LbRouting"/> needs from the store: the grid's services and what its nodes reported.</summary>
internal sealed class LbRouteSource(IStore store)
{
    public async Task<LbRouteTable> RoutesAsync(string grid, CancellationToken ct)
    {
        var services = new List<LbServiceInput>();
        foreach (var row in await store.ListAsync(ResourceKinds.Service, grid, ct))
        {
            var spec = StoreJson.Read<ServiceSpec>(row.Spec);
            if (spec.Lb is null)
            {
                continue;
            }
            var status = StoreJson.Read<ServiceStatusDocument>(row.Status);
            services.Add(new LbServiceInput(spec, RolloutDesired.Serving(spec, status.Assignments, status.Deployment)));
        }
        if (services.Count == 0)
        {
            return new LbRouteTable([], []);
        }
        var instances = new List<LbInstance>();
        foreach (var row in await store.ListAsync(ResourceKinds.Node, grid, ct))
        {
            var status = StoreJson.Read<NodeStatusDocument>(row.Status);
            instances.AddRange(status.Containers.Select(c => new LbInstance(c.Name, c.Stack, c.Service, c.Instance, c.State, c.Health, c.IpAddress, row.Name)));
        }
        return LbRouting.Derive(services, instances);
    }

    /// <summary>The grid's nodes labelled ingress=true, by name.</summary>
    public async Task<IReadOnlyList<string>> IngressNodesAsync(string grid, CancellationToken ct) =>
        (await store.ListAsync(ResourceKinds.Node, grid, ct))
            .Where(r => LbRouting.IsIngress(StoreJson.Read<NodeDocument>(r.Spec).Labels))
            .Select(r => r.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

    public async Task<bool> IsIngressAsync(string grid, string node, CancellationToken ct) =>
        await store.GetAsync(ResourceKinds.Node, grid, node, ct) is { } row && LbRouting.IsIngress(StoreJson.Read<NodeDocument>(row.Spec).Labels);
}
