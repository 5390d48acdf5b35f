using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Token;

/// <summary>Options of token create.</summary>
internal sealed class CreateSettings : TokenUserSettings
{
    [CommandOption("--name <NAME>")]
    [Description("A label for the token, e.g. ci (default: token)")]
    public string? Name { get; set; }

    [CommandOption("--role <ROLE>")]
    [Description("Cap the token at this role (e.g. viewer), below its user's roles")]
    public string? Role { get; set; }

    [CommandOption("--expires <WHEN>")]
    [Description("A lifetime (90d, 12h) or a time (2027-01-31T00:00:00Z); default: never")]
    public string? Expires { get; set; }
}
