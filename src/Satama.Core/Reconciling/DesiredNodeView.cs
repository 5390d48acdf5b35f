namespace Satama.Core.Reconciling;

/// <summary>
/// Everything that should run on one node of one grid: the node's last desired set.
/// <see cref="Grid"/> and <see cref="Node"/> scope the diff: containers of any other
/// grid or node are never touched, even when a caller passes them in.
/// </summary>
public sealed record DesiredNodeView(string Grid, string Node, ulong Version, IReadOnlyList<DesiredContainerView> Containers)
{
    public static DesiredNodeView Empty(string grid, string node) => new(grid, node, 0, []);
}
