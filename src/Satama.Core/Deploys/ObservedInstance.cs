using Satama.Core.Model;

namespace Satama.Core.Deploys;

/// <summary>
/// One container of the service as the agent of an online node last reported it. Containers on
/// offline nodes are not observed: nothing is known of their health.
/// </summary>
public sealed record ObservedInstance(
    string Node,
    int Slot,
    long Revision,
    bool Running,
    InstanceHealth Health,
    string? HealthDetail = null,
    DateTimeOffset? HealthySince = null);
