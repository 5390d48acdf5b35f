using Satama.Core.Reconciling;

namespace Satama.Agent.Reconciler;

/// <summary>
/// One line of a node report: a container found on the engine (<see cref="Actual"/>), or a
/// desired one that is missing (<see cref="Actual"/> null), with the agent's own bookkeeping.
/// </summary>
internal sealed record ReportedContainer(string Name, ActualContainerView? Actual, DesiredContainerView? Desired, int RestartCount, string Error);
