using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Token;

/// <summary>Arguments of token revoke.</summary>
internal sealed class RevokeSettings : TokenUserSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("Token id, as 'token ls' shows it")]
    public string Id { get; set; } = "";
}
