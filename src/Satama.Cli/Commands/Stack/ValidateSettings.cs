using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

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
