using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Lb;

/// <summary>Arguments of lb routes.</summary>
internal sealed class RoutesSettings : GlobalSettings
{
    [CommandArgument(0, "[NODE]")]
    [Description("An ingress node (default: every node labelled ingress=true)")]
    public string? Node { get; set; }
}
