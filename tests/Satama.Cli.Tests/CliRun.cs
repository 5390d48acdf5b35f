using Satama.Testing;
using Spectre.Console.Testing;

namespace Satama.Cli.Tests;

/// <summary>
/// Runs satama in-process with a test console, a captured stderr and a config file of its own,
/// so tests run in parallel without sharing ~/.config or environment variables.
/// </summary>
public sealed class CliRun : IDisposable
{
    private readonly TempDirectory _home = new("satama-cli-test-");
    private readonly Dictionary<string, string> _variables = [];

    public CliRun()
    {
        ConfigPath = Path.Combine(_home.Path, "config", "config.yaml");
        _variables["HOME"] = _home.Path;
    }

    public string ConfigPath { get; }

    public string Home => _home.Path;

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What the next commands read from a piped standard input.</summary>
    public string Input { get; set; } = "";

    public void SetVariable(string name, string value) => _variables[name] = value;

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public async Task<CliResult> RunAsync(string[] args, CancellationToken ct)
    {
        var console = new TestConsole().Width(120);
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = console,
            Error = error,
            ConfigPath = ConfigPath,
            GetVariable = name => _variables.GetValueOrDefault(name),
            Time = Time,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            RequestTimeout = RequestTimeout,
            Input = new StringReader(Input),
        };
        var exitCode = await SatamaApp.Create(environment).RunAsync(args, ct);
        return new CliResult(exitCode, console.Output.Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString());
    }

    public void Dispose() => _home.Dispose();
}
