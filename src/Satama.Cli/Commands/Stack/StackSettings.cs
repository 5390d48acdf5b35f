using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

/// <summary>Arguments of the stack commands that act on one stack by name.</summary>
internal class StackNameSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Stack name")]
    public string Name { get; set; } = "";
}

/// <summary>--var K=V, repeatable: the values of the stack file's variables.</summary>
internal interface IVariableSettings
{
    string[] Vars { get; }
}

/// <summary>--wait and --timeout of the commands that change a stack's instances.</summary>
internal interface IWaitSettings
{
    bool Wait { get; }

    int TimeoutSeconds { get; }
}

/// <summary>Arguments of stack validate: no master is needed, so no context; --grid only fills ${GRID}.</summary>
internal sealed class ValidateSettings : CommandSettings, IVariableSettings
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

    [CommandOption("-g|--grid <GRID>")]
    [Description("Grid name for ${GRID}")]
    [DefaultValue("default")]
    public string Grid { get; set; } = "default";
}

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

/// <summary>Arguments of stack diff NAME FILE.</summary>
internal sealed class DiffSettings : StackNameSettings, IVariableSettings
{
    [CommandArgument(1, "<FILE>")]
    [Description("The stack file to compare with the installed stack")]
    public string File { get; set; } = "";

    [CommandOption("--var <KEY=VALUE>")]
    [Description("Value of a variable (repeatable); the environment is read next")]
    public string[] Vars { get; set; } = [];
}

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

/// <summary>Arguments of stack rm NAME.</summary>
internal sealed class RmSettings : StackNameSettings
{
    [CommandOption("--keep-volumes")]
    [Description("Keep the stack's volumes (volumes are not managed by the platform yet: always kept)")]
    public bool KeepVolumes { get; set; }
}
