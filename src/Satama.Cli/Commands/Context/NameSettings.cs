using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Context;

/// <summary>Arguments of context use / rm.</summary>
internal sealed class NameSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Context name (see 'satama context ls')")]
    public string Name { get; set; } = "";
}
