using Satama.Core.Model;

namespace Satama.Core.Deploys;

/// <summary>
/// One instance of the service as last reported: its slot <see cref="Number"/>, the revision
/// its container runs, and its health. <see cref="CreatedAt"/> starts the healthy deadline;
/// <see cref="HealthSince"/> is when <see cref="Health"/> took its current value.
/// </summary>
public sealed record RolloutInstanceView(
    int Number,
    string? Node,
    long Revision,
    bool Running,
    InstanceHealth Health,
    string? HealthDetail = null,
    DateTimeOffset? CreatedAt = null,
    DateTimeOffset? HealthSince = null)
{
    public bool IsHealthy => Running && Health == InstanceHealth.Healthy;

    public RolloutInstanceRef Ref => new(Number, Revision);
}

/// <summary>Names one instance container: slot and revision (in start-first both revisions share a slot).</summary>
public sealed record RolloutInstanceRef(int Number, long Revision);
