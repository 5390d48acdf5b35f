namespace Satama.Master.Store;

/// <summary>
/// One row of the generic resource table. <see cref="Revision"/> is the row's version for
/// optimistic concurrency (it grows on every write), not a service's user-facing revision.
/// </summary>
internal sealed record StoredResource(
    string Kind,
    string Grid,
    string Name,
    long Revision,
    string Spec,
    string Status,
    DateTimeOffset Created,
    DateTimeOffset Updated);
