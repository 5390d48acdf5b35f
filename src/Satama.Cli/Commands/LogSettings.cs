using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands;

/// <summary>Arguments of service logs / container logs.</summary>
internal sealed class LogSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Service (NAME or STACK/NAME) or container (id or name)")]
    public string Name { get; set; } = "";

    [CommandOption("-f|--follow")]
    [Description("Keep printing new lines until Ctrl-C")]
    public bool Follow { get; set; }

    [CommandOption("--tail <N>")]
    [Description("Only the last N lines of each container")]
    public int? Tail { get; set; }

    public override ValidationResult Validate() =>
        Tail is < 0 ? ValidationResult.Error($"--tail must be 0 or more, not {Tail}") : base.Validate();
}
