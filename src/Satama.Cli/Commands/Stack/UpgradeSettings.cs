using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

/// <summary>Arguments of stack upgrade NAME FILE.</summary>
internal sealed class UpgradeSettings : StackNameSettings, IVariableSettings, IWaitSettings
{
    [CommandArgument(1, "<FILE>")]
    [Description("The new stack file")]
    public string File { get; set; } = "";

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
