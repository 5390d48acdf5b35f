namespace Satama.Core.Reconciling;

/// <summary>
/// What to do on a node, in order (removals first, so a replacement can reuse the name).
/// <see cref="WakeAt"/> is the earliest time a restart held back by backoff becomes due.
/// </summary>
public sealed record NodePlan(IReadOnlyList<NodeAction> Actions, DateTimeOffset? WakeAt)
{
    public bool IsEmpty => Actions.Count == 0;
}
