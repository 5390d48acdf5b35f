using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.User;

/// <summary>Arguments of user add / rm.</summary>
internal sealed class UserNameSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("User name: lower-case letters, digits and '-'")]
    public string Name { get; set; } = "";
}
