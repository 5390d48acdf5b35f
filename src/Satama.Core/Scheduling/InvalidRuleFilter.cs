namespace Satama.Core.Scheduling;

/// <summary>
/// Stands in for an affinity rule that does not parse (the validator should have caught it): it rules out
/// every node and says why, rather than ignoring a rule the user meant to hold.
/// </summary>
internal sealed class InvalidRuleFilter(string error) : INodeFilter
{
    public string Key => "affinity invalid";

    public bool Check(NodeView node, PlacementState state) => false;

    public string Explain(int nodes) => error;
}
