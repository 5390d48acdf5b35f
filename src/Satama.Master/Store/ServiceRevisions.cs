using Satama.Core.Model;

namespace Satama.Master.Store;

/// <summary>
/// The revision a changed service gets: one above any it ever had. A rollback returns the stored
/// spec to an older revision, so counting from the stored one would reuse a failed revision's number.
/// </summary>
internal static class ServiceRevisions
{
    public static long Next(ServiceSpec spec, ServiceStatusDocument status) => Math.Max(spec.Revision, status.Deployment.HighestRevision) + 1;
}
