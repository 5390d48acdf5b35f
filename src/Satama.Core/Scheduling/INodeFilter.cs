namespace Satama.Core.Scheduling;

/// <summary>A feasibility check: may the instance go on this node at all?</summary>
public interface INodeFilter
{
    /// <summary>The key of this filter in <see cref="Unplaced.Filtered"/>, e.g. "host-port 8080/tcp".</summary>
    string Key { get; }

    bool Check(NodeView node, PlacementState state);

    /// <summary>One clause of an unplaced reason: how many nodes this filter ruled out, and why.</summary>
    string Explain(int nodes);

    /// <summary>The clause with the nodes themselves at hand, for filters that can say more (how much memory is free).</summary>
    string Explain(IReadOnlyList<NodeView> nodes, PlacementState state) => Explain(nodes.Count);
}
