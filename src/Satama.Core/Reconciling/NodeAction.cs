namespace Satama.Core.Reconciling;

/// <summary>
/// One step of a <see cref="NodePlan"/>. <see cref="Desired"/> is set for Create and
/// Start, <see cref="Actual"/> for Remove and Start. For a Start that restarts an exited
/// container, <see cref="Restart"/> is the record to persist once the start succeeded.
/// </summary>
public sealed record NodeAction(
    NodeActionKind Kind,
    string Name,
    string Reason,
    DesiredContainerView? Desired = null,
    ActualContainerView? Actual = null,
    RestartRecord? Restart = null)
{
    public override string ToString() => $"{Kind} {Name}: {Reason}";
}
