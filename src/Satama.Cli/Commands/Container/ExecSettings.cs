using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Container;

/// <summary>Arguments of container exec; the command itself follows "--".</summary>
internal sealed class ExecSettings : GlobalSettings
{
    [CommandArgument(0, "<CONTAINER>")]
    [Description("Container id or name")]
    public string Container { get; set; } = "";

    [CommandOption("--timeout <SECONDS>")]
    [Description("Give up after this many seconds")]
    [DefaultValue(60)]
    public int TimeoutSeconds { get; set; } = 60;
}
