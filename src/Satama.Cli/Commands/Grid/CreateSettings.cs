using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Grid;

/// <summary>Arguments of grid create.</summary>
internal sealed class CreateSettings : NameSettings
{
    [CommandOption("--subnet <CIDR>")]
    [Description("Overlay subnet of the grid (default: chosen by the master)")]
    public string? Subnet { get; set; }

    [CommandOption("--grace-period <DURATION>")]
    [Description("How long a node may be offline before its instances move elsewhere, e.g. 2m (default 60s)")]
    public string? GracePeriod { get; set; }
}
