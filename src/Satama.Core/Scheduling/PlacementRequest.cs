using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// Everything the placer may look at: the service to place, the grid's nodes and the
/// current assignments of every service in the grid (this one included).
/// </summary>
public sealed record PlacementRequest(ServiceSpec Service, IReadOnlyList<NodeView> Nodes, IReadOnlyList<InstanceView> Existing);
