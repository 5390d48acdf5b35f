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
                return at > now ? (at.ToUniversalTime(), null) : (null, $"expires '{trimmed}' is in the past");
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

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
