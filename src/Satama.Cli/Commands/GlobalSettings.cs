using System.ComponentModel;
using Satama.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands;

/// <summary>Options every command takes: which grid, and how to print the result.</summary>
internal class GlobalSettings : CommandSettings
{
    [CommandOption("-g|--grid <GRID>")]
    [Description("Grid to act on (default: the context's grid, else \"default\")")]
    public string? Grid { get; set; }

    [CommandOption("--context <NAME>")]
    [Description("Context (master) to use for this command instead of the current one")]
    public string? Context { get; set; }

    [CommandOption("-o|--output <FORMAT>")]
    [Description("table (for people), json or yaml (for scripts)")]
    [DefaultValue("table")]
    public string Output { get; set; } = "table";

    public OutputFormat Format => Enum.Parse<OutputFormat>(Output, ignoreCase: true);

    public override ValidationResult Validate() =>
        Enum.TryParse<OutputFormat>(Output, ignoreCase: true, out _) && !int.TryParse(Output, out _)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--output must be table, json or yaml, not '{Output}'");
}
