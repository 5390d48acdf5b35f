namespace Satama.Core.Deploys;

/// <summary>What the planner says to do next.</summary>
public enum RolloutStepKind
{
    /// <summary>Stop <see cref="RolloutStep.Stop"/> and start <see cref="RolloutStep.Start"/>, then ask again.</summary>
    Proceed,

    /// <summary>Nothing to do until health changes; <see cref="RolloutStep.Reason"/> says what it waits for.</summary>
    Wait,

    /// <summary>Every slot runs the target revision, healthy; no old instance left.</summary>
    Done,

    /// <summary>A new instance missed its deadline: roll back to <see cref="RolloutStep.RollbackRevision"/>.</summary>
    Failed,
}

/// <summary>The planner's answer: one step, applied by a controller, after which it plans again.</summary>
public sealed record RolloutStep(
    RolloutStepKind Kind,
    IReadOnlyList<RolloutInstanceRef> Stop,
    IReadOnlyList<int> Start,
    string Reason,
    long? RollbackRevision = null)
{
    public static RolloutStep Done(string reason) => new(RolloutStepKind.Done, [], [], reason);

    public static RolloutStep Wait(string reason) => new(RolloutStepKind.Wait, [], [], reason);

    public static RolloutStep Failed(string reason, long rollbackRevision) => new(RolloutStepKind.Failed, [], [], reason, rollbackRevision);

    public override string ToString() => Kind switch
    {
        RolloutStepKind.Proceed => $"stop [{string.Join(", ", Stop.Select(s => $"{s.Number}@r{s.Revision}"))}] start [{string.Join(", ", Start)}]: {Reason}",
        _ => $"{Kind.ToString().ToLowerInvariant()}: {Reason}",
    };
}
