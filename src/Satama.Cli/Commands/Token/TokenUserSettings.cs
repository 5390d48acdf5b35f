using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Token;

/// <summary>--user: act on another user's tokens (master_admin).</summary>
internal class TokenUserSettings : GlobalSettings
{
    [CommandOption("--user <USER>")]
    [Description("Another user's tokens (master_admin; default: your own)")]
    public string? User { get; set; }
}
