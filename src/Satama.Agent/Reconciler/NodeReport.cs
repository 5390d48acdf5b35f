namespace Satama.Agent.Reconciler;

/// <summary>The actual state of the node's containers after a reconcile pass, against <see cref="DesiredVersion"/>.</summary>
internal sealed record NodeReport(ulong DesiredVersion, IReadOnlyList<ReportedContainer> Containers);
