using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Secret;

/// <summary>Arguments of secret write / update: the value from --value, --file, standard input or a hidden prompt.</summary>
internal sealed class SecretValueSettings : SecretNameSettings
{
    [CommandOption("--value <VALUE>")]
    [Description("The value (visible in shell history: prefer --file or standard input)")]
    public string? Value { get; set; }

    [CommandOption("--file <PATH>")]
    [Description("Read the value from a file (e.g. a PEM certificate)")]
    public string? File { get; set; }
}
