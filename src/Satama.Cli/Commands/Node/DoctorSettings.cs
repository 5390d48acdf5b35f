using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Node;

/// <summary>Arguments of node doctor.</summary>
internal sealed class DoctorSettings : GlobalSettings
{
    [CommandArgument(0, "[NODE]")]
    [Description("Node to check (default: every node of the grid)")]
    public string? Name { get; set; }
}
