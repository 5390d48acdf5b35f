using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Stack;

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
