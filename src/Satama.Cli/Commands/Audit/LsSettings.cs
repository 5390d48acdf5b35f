using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Audit;

/// <summary>Arguments of audit ls. --grid filters here (without it: every grid).</summary>
internal sealed class LsSettings : GlobalSettings
{
    [CommandOption("--actor <ACTOR>")]
    [Description("Only events of this actor (e.g. admin)")]
    public string? Actor { get; set; }

    [CommandOption("--since <TIME>")]
    [Description("Only events from this time: 2026-01-31T12:00:00Z, 2026-01-31, or an age such as 30m, 2h, 7d")]
    public string? Since { get; set; }

    [CommandOption("--limit <N>")]
    [Description("At most the newest N events (1 to 10000; default 100)")]
    public int? Limit { get; set; }

    [CommandOption("-f|--follow")]
    [Description("Keep printing new events until Ctrl-C")]
    public bool Follow { get; set; }
}
