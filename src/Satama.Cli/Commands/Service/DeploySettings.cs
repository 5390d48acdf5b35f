using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Service;

/// <summary>Arguments of satama service deploy.</summary>
internal sealed class DeploySettings : WaitSettings
{
    [CommandOption("-f|--force")]
    [Description("Roll out a new revision even when nothing changed (replaces every instance, rolling)")]
    public bool Force { get; set; }
}
