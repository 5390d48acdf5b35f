namespace Satama.Core.Scheduling;

/// <summary>An instance number and the node it runs on.</summary>
public sealed record Assignment(int Instance, string Node);

/// <summary>An instance no node can take now, and why (one clause per filter that ruled nodes out).</summary>
public sealed record Unplaced(int Instance, string Reason, IReadOnlyDictionary<string, int> Filtered);

/// <summary>An instance taken off its node (offline past the grace period, or no longer matching) and placed on another.</summary>
public sealed record Move(int Instance, string From, string To);

/// <summary>
/// What the placer decided; something else applies it. <see cref="Assignments"/> is the full
/// target (kept and new, ordered by instance), <see cref="Placed"/> only the new ones (moves included).
/// </summary>
public sealed record PlacementPlan(
    IReadOnlyList<Assignment> Assignments,
    IReadOnlyList<Assignment> Placed,
    IReadOnlyList<Assignment> Removed,
    IReadOnlyList<Unplaced> Unplaced)
{
    /// <summary>Instances moved off nodes offline past the grace period or no longer meeting a node or label rule; also in <see cref="Placed"/>.</summary>
    public IReadOnlyList<Move> Moved { get; init; } = [];

    /// <summary>The node of an instance in the target, or null when it is unplaced.</summary>
    public string? NodeOf(int instance) => Assignments.FirstOrDefault(a => a.Instance == instance)?.Node;
}
