using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

/// <summary>Arguments of stack rollback NAME.</summary>
internal sealed class RollbackSettings : StackNameSettings, IWaitSettings
{
    [CommandOption("--revision <R>")]
    [Description("Revision to go back to (default: the one before the current)")]
    public long? Revision { get; set; }

    [CommandOption("-w|--wait")]
    [Description("Wait until every instance of the stack runs")]
    public bool Wait { get; set; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long --wait waits")]
    [DefaultValue(300)]
    public int TimeoutSeconds { get; set; } = 300;

    public override ValidationResult Validate() =>
        Revision is < 1 ? ValidationResult.Error($"--revision must be 1 or more, not {Revision}")
        : TimeoutSeconds < 1 ? ValidationResult.Error($"--timeout must be 1 or more, not {TimeoutSeconds}")
        : base.Validate();
}
