using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// CPU or memory: a node takes the instance only when its capacity minus what its instances reserve covers
/// the instance's reservation. A node of unknown capacity (0) is never exhausted; no reservation, no check.
/// </summary>
internal sealed class ResourceFilter(bool memory, ServiceSpec service) : INodeFilter
{
    private readonly double _wanted = memory ? service.Placement.MemoryBytes : service.Placement.Cpus;

    public string Key => memory ? "memory" : "cpu";

    /// <summary>Whether the service reserves this resource at all.</summary>
    public bool Applies => _wanted > 0;

    public bool Check(NodeView node, PlacementState state)
    {
        var capacity = Capacity(node);
        // A hair of tolerance so 0.1 + 0.2 CPUs fit in 0.3.
        return capacity <= 0 || Free(node, state) + 1e-9 >= _wanted;
    }

    private double Capacity(NodeView node) => memory ? node.MemoryBytes : node.Cpus;

    private double Free(NodeView node, PlacementState state) =>
        Math.Max(0, Capacity(node) - (memory ? state.MemoryReserved(node.Name) : state.CpusReserved(node.Name)));

    public string Explain(int nodes) => FilterText.Nodes(nodes, "has", "have") + $" less than {Wanted()} free";

    public string Explain(IReadOnlyList<NodeView> nodes, PlacementState state)
    {
        if (nodes.Count != 1)
        {
            return Explain(nodes.Count);
        }
        var free = Free(nodes[0], state);
        return memory
            ? $"1 node has {FilterText.Bytes((long)free, (long)_wanted, withUnit: false)} of {Wanted()} free"
            : $"1 node has {FilterText.Number(free)} of {Wanted()} free";
    }

    private string Wanted() => memory
        ? $"{FilterText.Bytes((long)_wanted, (long)_wanted)} memory"
        : $"{FilterText.Number(_wanted)} CPU{(_wanted == 1 ? "" : "s")}";
}
