using Satama.Core.Model;
using Satama.Master.Store;

namespace Satama.Master.Api;

/// <summary>A read snapshot of one grid with its nodes and services, decoded once per request.</summary>
internal sealed class GridView
{
    private GridView(StoredResource row, List<NodeEntry> nodes, List<ServiceEntry> services)
    {
        Row = row;
        Document = StoreJson.Read<GridDocument>(row.Spec);
        Nodes = nodes;
        Services = services;
    }

    public StoredResource Row { get; }
    public string Name => Row.Name;
    public GridDocument Document { get; }
    public IReadOnlyList<NodeEntry> Nodes { get; }
    public IReadOnlyList<ServiceEntry> Services { get; }

    /// <summary>Every container any node of the grid last reported, with its node.</summary>
    public IEnumerable<(string Node, ReportedContainer Container)> Containers =>
        Nodes.SelectMany(n => n.Status.Containers.Select(c => (n.Row.Name, c)));

    public static async Task<GridView?> LoadAsync(IStore store, string grid, CancellationToken ct)
    {
        var row = await store.GetAsync(ResourceKinds.Grid, "", grid, ct);
        if (row is null)
        {
            return null;
        }
        var nodes = (await store.ListAsync(ResourceKinds.Node, grid, ct))
            .Select(r => new NodeEntry(r, StoreJson.Read<NodeDocument>(r.Spec), StoreJson.Read<NodeStatusDocument>(r.Status)))
            .ToList();
        var services = (await store.ListAsync(ResourceKinds.Service, grid, ct))
            .Select(r => new ServiceEntry(r, StoreJson.Read<ServiceSpec>(r.Spec), StoreJson.Read<ServiceStatusDocument>(r.Status)))
            .ToList();
        return new GridView(row, nodes, services);
    }

    public NodeEntry? FindNode(string name) => Nodes.FirstOrDefault(n => n.Row.Name == name);

    public ServiceEntry? FindService(string stack, string name) =>
        Services.FirstOrDefault(s => s.Spec.Stack == stack && s.Spec.Name == name);

    /// <summary>"web" for a standalone service, "shop/web" inside a stack.</summary>
    public static string DisplayName(ServiceSpec spec) => spec.Stack == Names.NullStack ? spec.Name : spec.QualifiedName;

    public sealed record NodeEntry(StoredResource Row, NodeDocument Spec, NodeStatusDocument Status);

    public sealed record ServiceEntry(StoredResource Row, ServiceSpec Spec, ServiceStatusDocument Status);
}
