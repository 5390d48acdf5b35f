using Spectre.Console;

namespace Satama.Cli.Commands.Secret;

/// <summary>Where a secret's value comes from: --value, --file, piped standard input, or a hidden prompt.</summary>
internal static class SecretValueSource
{
    public static IReadOnlyList<string> Check(SecretValueSettings settings) =>
        settings.Value is not null && settings.File is not null ? ["give the value with --value or --file, not both"]
        : settings.File is not null && !System.IO.File.Exists(settings.File) ? [$"--file '{settings.File}' does not exist"]
        : [];

    public static async Task<string> ReadAsync(SecretValueSettings settings, CliEnvironment environment, CancellationToken ct)
    {
        if (settings.Value is not null)
        {
            return settings.Value;
        }
        if (settings.File is not null)
        {
            return await System.IO.File.ReadAllTextAsync(settings.File, ct);
        }
        if (environment.InputIsTerminal)
        {
            return await new TextPrompt<string>($"Value of {settings.Name}:").Secret().ShowAsync(environment.Out, ct);
        }
        // Piped: the whole input, less the one newline `echo` adds.
        var text = await environment.Input.ReadToEndAsync(ct);
        return text.EndsWith('\n') ? text[..^1].TrimEnd('\r') : text;
    }
}
