using Satama.Core.Deploys;

namespace Satama.Core.Model;

public sealed partial record ServiceSpec
{
    /// <summary>How a new revision replaces the running one; never part of the container (not hashed).</summary>
    public RolloutSpec Rollout { get; init; } = RolloutSpec.Default;
}
