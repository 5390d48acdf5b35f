namespace Satama.Core.Model;

/// <summary>What the agent does when a container exits.</summary>
public enum RestartPolicy
{
    Always,
    OnFailure,
    No,
}

public static class RestartPolicies
{
    public static string ToWire(this RestartPolicy policy) => policy switch
    {
        RestartPolicy.Always => "always",
        RestartPolicy.OnFailure => "on-failure",
        RestartPolicy.No => "no",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    /// <summary>Parses always | on-failure | no (also unless-stopped, read as always). Null or empty means always.</summary>
    public static bool TryParse(string? text, out RestartPolicy policy)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "always" or "unless-stopped":
                policy = RestartPolicy.Always;
                return true;
            case "on-failure":
                policy = RestartPolicy.OnFailure;
                return true;
            case "no" or "never":
                policy = RestartPolicy.No;
                return true;
            default:
                policy = RestartPolicy.Always;
                return false;
        }
    }
}
