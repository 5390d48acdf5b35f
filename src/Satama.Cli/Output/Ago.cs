using System.Globalization;

namespace Satama.Cli.Output;

/// <summary>Human times relative to now: "3s ago", "5m ago", "2h ago", "4d ago".</summary>
internal static class Ago
{
    public static string Format(DateTimeOffset? when, DateTimeOffset now)
    {
        if (when is not { } at)
        {
            return "never";
        }
        var age = now - at;
        if (age < TimeSpan.Zero)
        {
            // A master clock slightly ahead of ours: still "just now", not a negative age.
            age = TimeSpan.Zero;
        }
        return age.TotalSeconds < 60 ? Text((int)age.TotalSeconds, "s")
            : age.TotalMinutes < 60 ? Text((int)age.TotalMinutes, "m")
            : age.TotalHours < 48 ? Text((int)age.TotalHours, "h")
            : Text((int)age.TotalDays, "d");
    }

    private static string Text(int value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit + " ago";
}
