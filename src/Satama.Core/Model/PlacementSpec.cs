namespace Satama.Core.Model;

/// <summary>
/// Where a service's instances may run and how they spread: strategy, affinity rules,
/// reservations per instance, and what happens to them when their node goes away.
/// For <see cref="PlacementStrategy.Daemon"/>, <see cref="ServiceSpec.Instances"/> counts per node.
/// </summary>
public sealed record PlacementSpec
{
    /// <summary>The grid's grace period when neither grid nor service sets one.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(60);

    public static PlacementSpec Default { get; } = new();

    public PlacementStrategy Strategy { get; init; } = PlacementStrategy.Ha;

    /// <summary>
    /// Rules every node must meet: <c>node==x</c>, <c>label==az=a</c>, <c>service!=db</c>, <c>container!=web-1</c>
    /// (<c>==</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>), or Compose constraints such as <c>node.labels.az==a</c>.
    /// </summary>
    public IReadOnlyList<string> Affinity { get; init; } = [];

    /// <summary>CPUs reserved per instance; 0 reserves none.</summary>
    public double Cpus { get; init; }

    /// <summary>Memory reserved per instance, in bytes; 0 reserves none.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Stateful instances stay on their node when it goes offline: their data lives there.</summary>
    public bool Stateful { get; init; }

    /// <summary>How long a node may stay offline before this service's instances there are placed elsewhere; null: the grid's.</summary>
    public TimeSpan? GracePeriod { get; init; }

    /// <summary>Whether instance <paramref name="number"/> belongs to a service of <paramref name="instances"/> instances.</summary>
    /// <remarks>A daemon numbers its instances across nodes (1..nodes x instances), so any positive number may be its own.</remarks>
    public bool Covers(int instances, int number) => Strategy == PlacementStrategy.Daemon ? number >= 1 && instances > 0 : number >= 1 && number <= instances;
}
