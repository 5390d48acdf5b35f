namespace Satama.Master.Hardening;

/// <summary>The bounds the API holds every request to.</summary>
internal static class RequestLimits
{
    /// <summary>The largest request body of /v1 (1 MiB): stacks and specs are far smaller.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Failed authentications from one address (IPv6: one /64) within <see cref="FailureWindow"/> before its failures get 429.</summary>
    public const int MaxAuthFailures = 10;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(1);

    /// <summary>How long the refused tokens of an address that failed too often get 429 instead of 401 (a valid token still passes).</summary>
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(1);

    /// <summary>The longest route value that is not a grid/node/stack/service name (e.g. a container id).</summary>
    public const int MaxRouteValueLength = 128;
}
