using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Service;

/// <summary>Arguments of the service commands that act on one service.</summary>
internal class NameSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Service: NAME, or STACK/NAME")]
    public string Name { get; set; } = "";
}
