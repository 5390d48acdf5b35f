namespace Satama.Core.Scheduling;

/// <summary>Only a connected node can start a container; an offline one would leave it pending.</summary>
internal sealed class OnlineFilter : INodeFilter
{
    public string Key => "offline";

    public bool Check(NodeView node, PlacementState state) => node.Online;

    public string Explain(int nodes) => nodes == 1 ? "1 node is offline" : $"{nodes} nodes are offline";
}
