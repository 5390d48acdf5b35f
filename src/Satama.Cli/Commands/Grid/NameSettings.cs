using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Grid;

/// <summary>Arguments of grid show / rm.</summary>
internal class NameSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Grid name")]
    public string Name { get; set; } = "";
}
