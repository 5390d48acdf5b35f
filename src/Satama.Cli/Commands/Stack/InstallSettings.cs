using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

/// <summary>Arguments of stack install.</summary>
internal sealed class InstallSettings : GlobalSettings, IVariableSettings, IWaitSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("Stack file (satama.yml, docker-compose.yml or kontena.yml)")]
    public string File { get; set; } = "";

    [CommandOption("--name <NAME>")]
    [Description("Stack name (default: the name in the file, else the file's directory)")]
    public string? Name { get; set; }

    [CommandOption("--var <KEY=VALUE>")]
    [Description("Value of a variable (repeatable); the environment is read next")]
    public string[] Vars { get; set; } = [];

    [CommandOption("-w|--wait")]
    [Description("Wait until every instance of the stack runs")]
    public bool Wait { get; set; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long --wait waits")]
    [DefaultValue(300)]
    public int TimeoutSeconds { get; set; } = 300;

    public override ValidationResult Validate() =>
        TimeoutSeconds < 1 ? ValidationResult.Error($"--timeout must be 1 or more, not {TimeoutSeconds}") : base.Validate();
}
