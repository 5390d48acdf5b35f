namespace Satama.Core.Deploys;

/// <summary>What a rollout does when a new instance misses its healthy deadline.</summary>
public enum FailureAction
{
    /// <summary>Go back to the last revision that finished (the default).</summary>
    Rollback,

    /// <summary>Stop where it is: the instances stay as they are until the next deploy.</summary>
    Pause,

    /// <summary>Record the failure and go on replacing instances.</summary>
    Continue,
}

public static class FailureActions
{
    public static bool TryParse(string? text, out FailureAction action)
    {
        (var ok, action) = text switch
        {
            "rollback" => (true, FailureAction.Rollback),
            "pause" => (true, FailureAction.Pause),
            "continue" => (true, FailureAction.Continue),
            _ => (false, FailureAction.Rollback),
        };
        return ok;
    }

    public static string ToWire(this FailureAction action) => action.ToString().ToLowerInvariant();
}
