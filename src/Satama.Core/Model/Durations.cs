using System.Globalization;
using System.Text.RegularExpressions;

namespace Satama.Core.Model;

/// <summary>Durations as Compose and Go write them: 500ms, 30s, 1m30s, 2h; a bare number is seconds.</summary>
public static partial class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return false;
        }
        if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
        {
            duration = TimeSpan.FromSeconds(bare);
            return true;
        }
        var parts = Part().Matches(trimmed);
        if (parts.Sum(m => m.Length) != trimmed.Length)
        {
            return false;
        }
        var ticks = 0.0;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += value * part.Groups[2].Value switch
            {
                "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
                "us" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }
        if (ticks > TimeSpan.MaxValue.Ticks / 2)
        {
            return false;
        }
        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ns|us|ms|s|m|h)")]
    private static partial Regex Part();
}
