using Satama.Cli.Contexts;

namespace Satama.Cli.Commands.Context;

internal static class ContextErrors
{
    /// <summary>Like the API's 404s: say what exists.</summary>
    public static string NotFound(string name, CliConfig config) =>
        config.Contexts.Count == 0
            ? $"context '{name}' not found; there are no contexts (run 'satama login URL --token TOKEN')"
            : $"context '{name}' not found; contexts: {string.Join(", ", config.Contexts.Select(c => c.Name))}";
}
