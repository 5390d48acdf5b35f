using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Secret;

/// <summary>Arguments of secret read / rm.</summary>
internal class SecretNameSettings : GlobalSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Secret name, e.g. DB_PASSWORD")]
    public string Name { get; set; } = "";
}
