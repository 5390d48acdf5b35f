using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// What the nodes hold while a plan is being made: instances already there plus the ones
/// this plan put there, so each placement sees the ones before it.
/// </summary>
public sealed class PlacementState
{
    private readonly Dictionary<string, NodeLoad> _nodes = new(StringComparer.Ordinal);

    public int CountOfService(string node) => _nodes.TryGetValue(node, out var load) ? load.OfService : 0;

    public int CountOverall(string node) => _nodes.TryGetValue(node, out var load) ? load.Overall : 0;

    public bool PortTaken(string node, int hostPort, string protocol) =>
        _nodes.TryGetValue(node, out var load) && load.Ports.Contains((hostPort, protocol));

    internal void Add(string node, IEnumerable<PortMapping> ports, bool ofService)
    {
        if (!_nodes.TryGetValue(node, out var load))
        {
            load = new NodeLoad();
            _nodes[node] = load;
        }
        load.Overall++;
        if (ofService)
        {
            load.OfService++;
        }
        foreach (var port in ports)
        {
            load.Ports.Add((port.HostPort, port.Protocol));
        }
    }

    private sealed class NodeLoad
    {
        public int OfService { get; set; }
        public int Overall { get; set; }
        public HashSet<(int Port, string Protocol)> Ports { get; } = [];
    }
}
