using System.Globalization;

namespace Satama.Cli.Commands.Audit;

/// <summary>--since: an absolute time (ISO 8601; UTC unless it says otherwise) or an age such as 90s, 30m, 2h, 7d.</summary>
internal static class SinceTime
{
    public static DateTimeOffset? Parse(string text, DateTimeOffset now)
    {
        text = text.Trim();
        if (text.Length >= 2 && char.IsAsciiLetterLower(text[^1])
            && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount <= 100_000)
        {
            TimeSpan? age = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            return now - age;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }

    public static string Problem(string text) =>
        $"--since '{text}' is not a time (2026-01-31T12:00:00Z, 2026-01-31) or an age (90s, 30m, 2h, 7d)";
}
