using Spectre.Console;

namespace Satama.Cli;

/// <summary>
/// Everything a command may touch outside its arguments: the consoles, the config file,
/// environment variables and the clock. Injected (not read from globals) so tests run
/// many commands in parallel inside one process, each with its own config file.
/// </summary>
internal sealed record CliEnvironment
{
    /// <summary>Standard output, for results (tables, json, yaml, log lines).</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Standard error, for "error: ..." lines, warnings and progress notes.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>The CLI config file (contexts), ~/.config/satama/config.yaml unless SATAMA_CONFIG.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Standard input, for values piped in (secret write NAME &lt; file).</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when standard input is a terminal a person types into (then values are prompted, hidden).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>Reads an environment variable (injectable for tests).</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long the CLI waits for a TCP/TLS connection to a master.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a plain request may take once connected: a master that accepts connections but
    /// never answers must not hang a script. Streams (logs) and --wait have their own limits.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The process's real environment: console streams, env vars, ~/.config.</summary>
    public static CliEnvironment FromProcess(IAnsiConsole console) => new()
    {
        Out = console,
        Error = Console.Error,
        Input = Console.In,
        InputIsTerminal = !Console.IsInputRedirected,
        ConfigPath = DefaultConfigPath(Environment.GetEnvironmentVariable),
    };

    public static string DefaultConfigPath(Func<string, string?> getVariable)
    {
        var explicitPath = getVariable("SATAMA_CONFIG");
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }
        return Path.Combine(Home(getVariable), ".config", "satama", "config.yaml");
    }

    /// <summary>The data dir of `up`/`down`: SATAMA_DATA, else ~/.local/share/satama.</summary>
    public string DefaultDataDir()
    {
        var explicitPath = GetVariable("SATAMA_DATA");
        return !string.IsNullOrWhiteSpace(explicitPath)
            ? Path.GetFullPath(explicitPath)
            : Path.Combine(Home(GetVariable), ".local", "share", "satama");
    }

    private static string Home(Func<string, string?> getVariable) =>
        getVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
