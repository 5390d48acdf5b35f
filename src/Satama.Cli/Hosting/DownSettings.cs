using System.ComponentModel;
using Satama.Cli.Commands;
using Spectre.Console.Cli;

namespace Satama.Cli.Hosting;

/// <summary>Arguments of satama down.</summary>
internal sealed class DownSettings : GlobalSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Data dir of the 'satama up' to stop (default: $SATAMA_DATA or ~/.local/share/satama)")]
    public string? Data { get; set; }
}
