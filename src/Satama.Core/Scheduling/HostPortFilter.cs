using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// A host port binds once per node: a node where any instance (of any service, this one
/// included) publishes the same host port and protocol cannot take the instance.
/// </summary>
internal sealed class HostPortFilter(PortMapping port) : INodeFilter
{
    public string Key => $"host-port {port.HostPort}/{port.Protocol}";

    public bool Check(NodeView node, PlacementState state) => !state.PortTaken(node.Name, port.HostPort, port.Protocol);

    public string Explain(int nodes) =>
        $"{nodes} node{(nodes == 1 ? " has" : "s have")} host port {port.HostPort}/{port.Protocol} taken";
}
