namespace Satama.Core.Stacks.Model;

/// <summary>How a service is rolled out and scheduled: Compose <c>deploy</c> and Kontena <c>deploy</c> merged.</summary>
public sealed record DeploySpec
{
    /// <summary>ha | daemon | random; Compose <c>mode: global</c> is daemon, <c>replicated</c> leaves it unset.</summary>
    public string? Strategy { get; init; }

    /// <summary>Fraction of instances that must stay healthy during a rollout (0..1).</summary>
    public double? MinHealth { get; init; }
    public int? WaitForPort { get; init; }
    public string? Interval { get; init; }
    public ResourcesSpec? Resources { get; init; }
    public UpdateConfigSpec? UpdateConfig { get; init; }
    public RestartPolicySpec? RestartPolicy { get; init; }
}
