using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Node;

/// <summary>Arguments of node rm.</summary>
internal sealed class RmSettings : NameSettings
{
    [CommandOption("--force")]
    [Description("Remove the node even while it is online: its agent is disconnected and refused")]
    public bool Force { get; set; }
}
