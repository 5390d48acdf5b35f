using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Node;

/// <summary>Arguments of node show / rm.</summary>
internal class NameSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Node name")]
    public string Name { get; set; } = "";
}
