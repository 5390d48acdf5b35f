namespace Satama.Master.Store;

/// <summary>
/// The scheduler's output for a service: instance number -> node, and instance number ->
/// why it could not be placed. Sorted so equal states serialize equally (no needless writes).
/// </summary>
internal sealed record ServiceStatusDocument(
    SortedDictionary<int, string> Assignments,
    SortedDictionary<int, string> Unplaced)
{
    public static ServiceStatusDocument Empty => new([], []);
}
