namespace Satama.Agent.Docker;

/// <summary>A lifecycle event (start, die, destroy …) of one of the node's containers.</summary>
internal sealed record ContainerEvent(string Name, string Action, string Id);
