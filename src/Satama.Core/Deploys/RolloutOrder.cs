using Satama.Core.Model;

namespace Satama.Core.Deploys;

/// <summary>Whether a replacement starts before or after the instance it replaces stops.</summary>
public enum RolloutOrder
{
    /// <summary>The new instance is healthy before the old one stops (needs room for both).</summary>
    StartFirst,

    /// <summary>The old instance stops, then the new one starts (a fixed host port fits only one).</summary>
    StopFirst,
}

public static class RolloutOrders
{
    /// <summary>
    /// Start-first unless the service binds a fixed host port, which two containers cannot share, or mounts a named
    /// volume read-write: the old and the new container of an instance would write the same files at once (a database's).
    /// </summary>
    public static RolloutOrder For(ServiceSpec spec) =>
        spec.Ports.Count == 0 && !spec.Mounts.Any(m => m.IsNamed && !m.ReadOnly) ? RolloutOrder.StartFirst : RolloutOrder.StopFirst;
}
