using Satama.Core.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>The container runtime keys checked where they are written, so a bad value points at its line and column.</summary>
internal static partial class ServiceParser
{
    private static string? ReadStopSignal(ParseContext ctx, YamlNode value, string path)
    {
        var text = NodeReader.String(ctx, value, path)?.Trim();
        if (text is not null && RuntimeValidator.CheckSignal(text) is { } error)
        {
            ctx.Error(value, path, error);
            return null;
        }
        return text;
    }

    private static string? ReadStopGracePeriod(ParseContext ctx, YamlNode value, string path)
    {
        var text = NodeReader.Duration(ctx, value, path);
        if (text is not null && Durations.TryParse(text, out var grace) && grace > RuntimeValidator.MaxStopGracePeriod)
        {
            ctx.Error(value, path, $"stop_grace_period must be at most 1h, not `{text}`");
            return null;
        }
        return text;
    }
}
