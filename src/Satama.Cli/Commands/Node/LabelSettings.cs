using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Node;

/// <summary>Arguments of node label.</summary>
internal sealed class LabelSettings : NameSettings
{
    [CommandArgument(1, "[LABELS]")]
    [Description("Labels to set, KEY=VALUE")]
    public string[] Labels { get; set; } = [];

    [CommandOption("--remove <KEY>")]
    [Description("Label to remove (repeatable)")]
    public string[] Remove { get; set; } = [];
}
