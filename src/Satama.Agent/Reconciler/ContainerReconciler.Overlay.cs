using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

internal sealed partial class ContainerReconciler
{
    /// <summary>
    /// Adjusts the desired set before each pass (the overlay binds the grid's containers to its
    /// network this way); a shape that returns null holds the pass (the overlay is not ready yet).
    /// No shape leaves the set as the master sent it. The saved set stays unshaped.
    /// </summary>
    public Func<DesiredNodeView, DesiredNodeView?>? Shape { get; set; }

    private DesiredNodeView? ShapedDesired => Desired is { } desired && Shape is { } shape ? shape(desired) : Desired;
}
