using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Grid;

/// <summary>Arguments of grid update: the grid's host allowances.</summary>
internal sealed class UpdateSettings : NameSettings
{
    [CommandOption("--allow <OPTION>")]
    [Description("Let grid_users ask for a host-level option: privileged, pid:host, cap_add:NAME, device:PATH, sysctl:NAME, volume_opts, log_driver:NAME (repeatable)")]
    public string[] Allow { get; set; } = [];

    [CommandOption("--disallow <OPTION>")]
    [Description("Take back an allowed option (repeatable)")]
    public string[] Disallow { get; set; } = [];

    [CommandOption("--allow-bind <PATH>")]
    [Description("Let grid_users bind-mount this node path and what is below it (repeatable)")]
    public string[] AllowBind { get; set; } = [];

    [CommandOption("--disallow-bind <PATH>")]
    [Description("Take back an allowed bind path (repeatable)")]
    public string[] DisallowBind { get; set; } = [];
}
