using Satama.Client.Dtos;

namespace Satama.Master.Store;

/// <summary>
/// What the master last knew of a node: online flag, when it was last heard, what it
/// reported about itself and its containers. Kept so listings make sense after a restart.
/// </summary>
internal sealed partial record NodeStatusDocument(
    bool Online,
    DateTimeOffset? LastSeen,
    NodeInfoDto? Info,
    IReadOnlyList<ReportedContainer> Containers)
{
    public static readonly NodeStatusDocument Empty = new(false, null, null, []);
}
