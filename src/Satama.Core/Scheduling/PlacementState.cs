using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// What the nodes hold while a plan is being made: instances already there plus the ones
/// this plan put there, so each placement sees the ones before it. Counts of the service
/// being placed are also kept per region and zone for the ha spread.
/// </summary>
public sealed class PlacementState
{
    private readonly Dictionary<string, NodeLoad> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeView> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byRegion = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Region, string Zone), int> _byZone = [];

    public PlacementState()
    {
    }

    internal PlacementState(IEnumerable<NodeView> nodes)
    {
        foreach (var node in nodes)
        {
            _views.TryAdd(node.Name, node);
        }
    }

    public int CountOfService(string node) => _nodes.TryGetValue(node, out var load) ? load.OfService : 0;

    /// <summary>Instances of the service being placed, on all nodes.</summary>
    public int TotalOfService { get; private set; }

    public int CountOverall(string node) => _nodes.TryGetValue(node, out var load) ? load.Overall : 0;

    /// <summary>Instances of the service being placed in a region (the nodes' <c>region</c> label; "" for none).</summary>
    public int CountOfServiceInRegion(string region) => _byRegion.GetValueOrDefault(region);

    /// <summary>Instances of the service being placed in a zone (<c>az</c> label) of a region.</summary>
    public int CountOfServiceInZone(string region, string zone) => _byZone.GetValueOrDefault((region, zone));

    public bool PortTaken(string node, int hostPort, string protocol) =>
        _nodes.TryGetValue(node, out var load) && load.Ports is { } ports && ports.Contains((hostPort, protocol));

    public double CpusReserved(string node) => _nodes.TryGetValue(node, out var load) ? load.Cpus : 0;

    public long MemoryReserved(string node) => _nodes.TryGetValue(node, out var load) ? load.Memory : 0;

    /// <summary>Whether the node runs an instance of stack/service.</summary>
    public bool Runs(string node, string stack, string service) =>
        _nodes.TryGetValue(node, out var load) && load.Instances.Exists(i => i.Service == service && i.Stack == stack);

    /// <summary>Every service (stack, name) on the node.</summary>
    public IEnumerable<(string Stack, string Service)> ServicesOn(string node) =>
        _nodes.TryGetValue(node, out var load) ? load.Instances.Select(i => (i.Stack, i.Service)).Distinct() : [];

    /// <summary>Every instance on the node as (stack, instance name), e.g. (shop, web-1).</summary>
    public IEnumerable<(string Stack, string Instance)> InstancesOn(string node) =>
        _nodes.TryGetValue(node, out var load) ? load.Instances.Select(i => (i.Stack, InstanceNames.Instance(i.Service, i.Number))) : [];

    internal void Add(string node, IEnumerable<PortMapping> ports, bool ofService) =>
        Add(new InstanceView("", "", 0, node, ports.ToList()), ofService);

    internal void Add(InstanceView instance, bool ofService)
    {
        if (!_nodes.TryGetValue(instance.Node, out var load))
        {
            load = new NodeLoad();
            _nodes[instance.Node] = load;
        }
        load.Overall++;
        load.Cpus += instance.Cpus;
        load.Memory += instance.MemoryBytes;
        // Kept as they are: service and container rules are rare, so the look-ups scan the node's few instances
        // rather than every Add paying for indexes (a plan adds every instance of the grid).
        if (instance.Service.Length > 0)
        {
            load.Instances.Add(instance);
        }
        if (ofService)
        {
            load.OfService++;
            TotalOfService++;
            if (_views.TryGetValue(instance.Node, out var view))
            {
                _byRegion[view.Region] = _byRegion.GetValueOrDefault(view.Region) + 1;
                _byZone[(view.Region, view.Zone)] = _byZone.GetValueOrDefault((view.Region, view.Zone)) + 1;
            }
        }
        foreach (var port in instance.Ports)
        {
            (load.Ports ??= []).Add((port.HostPort, port.Protocol));
        }
    }

    private sealed class NodeLoad
    {
        public int OfService { get; set; }
        public int Overall { get; set; }
        public double Cpus { get; set; }
        public long Memory { get; set; }
        public HashSet<(int Port, string Protocol)>? Ports { get; set; }
        public List<InstanceView> Instances { get; } = [];
    }
}
