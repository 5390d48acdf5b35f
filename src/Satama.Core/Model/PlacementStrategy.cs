namespace Satama.Core.Model;

/// <summary>How the scheduler chooses among the nodes that may take an instance.</summary>
public enum PlacementStrategy
{
    /// <summary>Spread over the <c>region</c> label, then <c>az</c>, then nodes, fewest instances of the service first.</summary>
    Ha,

    /// <summary>Any feasible node, chosen with the plan's seed (so a plan replays exactly).</summary>
    Random,

    /// <summary><see cref="ServiceSpec.Instances"/> instances on every matching node, including nodes that join later.</summary>
    Daemon,
}
