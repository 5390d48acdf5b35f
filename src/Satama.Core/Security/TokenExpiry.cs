using System.Globalization;
using Satama.Core.Model;

namespace Satama.Core.Security;

/// <summary>--expires: a lifetime (90d, 12h, 30m, 1h30m) or a time (2027-01-31, 2027-01-31T12:00:00Z).</summary>
public static class TokenExpiry
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3650);

    /// <summary>When a token made at <paramref name="now"/> expires, or an error.</summary>
    public static (DateTimeOffset? Expires, string? Error) Parse(string? text, DateTimeOffset now)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return (null, null);
        }
        TimeSpan lifetime;
        if (trimmed.EndsWith('d') && int.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days))
        {
            lifetime = TimeSpan.FromDays(Math.Min(days, 100_000));
        }
        else if (!Durations.TryParse(trimmed, out lifetime))
        {
            if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                // A time is held to the same cap as a lifetime: "9999-12-31" is not a way around it.
                return at <= now ? (null, $"expires '{trimmed}' is in the past")
                    : at - now > MaxLifetime ? (null, $"expires '{trimmed}' is more than {MaxLifetime.TotalDays:0} days from now")
                    : (at.ToUniversalTime(), null);
            }
            return (null, $"expires '{Shorten(trimmed)}' is neither a lifetime (90d, 12h, 30m) nor a time (2027-01-31T12:00:00Z)");
        }
        if (lifetime <= TimeSpan.Zero)
        {
            return (null, $"expires '{trimmed}' must be a positive lifetime");
        }
        if (lifetime > MaxLifetime)
        {
            return (null, $"expires '{trimmed}' is longer than {MaxLifetime.TotalDays:0} days");
        }
        return (now + lifetime, null);
    }

    /// <summary>
    /// The expiry of a token made by a token that expires at <paramref name="creator"/> (null: never):
    /// the one asked for, but never later than the creator's, so no token outlives the token that
    /// made it (one asked without an expiry gets the creator's). Capped says the request was cut.
    /// </summary>
    public static (DateTimeOffset? Expires, bool Capped) Cap(DateTimeOffset? requested, DateTimeOffset? creator) =>
        creator is { } limit && (requested is null || requested > limit) ? (limit, true) : (requested, false);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
