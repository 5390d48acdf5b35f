using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

/// <summary>Arguments of stack rm NAME.</summary>
internal sealed class RmSettings : StackNameSettings
{
    [CommandOption("--keep-volumes")]
    [Description("Keep the stack's volumes (volumes are not managed by the platform yet: always kept)")]
    public bool KeepVolumes { get; set; }
}
