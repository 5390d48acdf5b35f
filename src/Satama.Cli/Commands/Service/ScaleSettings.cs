using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Service;

/// <summary>Arguments of service scale.</summary>
internal sealed class ScaleSettings : WaitSettings
{
    [CommandArgument(1, "<INSTANCES>")]
    [Description("Desired number of instances (0 or more)")]
    public string Instances { get; set; } = "";
}
