using Satama.Core.Deploys;

namespace Satama.Master.Store;

/// <summary>
/// The scheduler's output for a service: instance number -> node, and instance number ->
/// why it could not be placed. Sorted so equal states serialize equally (no needless writes).
/// <see cref="Draining"/>: containers (by name) a rollout is taking out of service, with the
/// moment they stop; load balancing and DNS leave them out at once, so in-flight requests
/// finish and no new ones arrive before the container stops. <see cref="Deployment"/>: the rollout
/// in flight and the record of past ones (written by the same pass, so placement and rollout agree).
/// </summary>
internal sealed record ServiceStatusDocument(
    SortedDictionary<int, string> Assignments,
    SortedDictionary<int, string> Unplaced)
{
    public SortedDictionary<string, DateTimeOffset> Draining { get; init; } = new(StringComparer.Ordinal);

    public DeploymentState Deployment { get; init; } = DeploymentState.Empty;

    public static ServiceStatusDocument Empty => new([], []);
}
