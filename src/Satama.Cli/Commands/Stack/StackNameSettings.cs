using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

/// <summary>Arguments of the stack commands that act on one stack by name.</summary>
internal class StackNameSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Stack name")]
    public string Name { get; set; } = "";
}
