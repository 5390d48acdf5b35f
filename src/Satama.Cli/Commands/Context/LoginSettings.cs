using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Context;

/// <summary>Arguments of satama login.</summary>
internal sealed class LoginSettings : GlobalSettings
{
    [CommandArgument(0, "<URL>")]
    [Description("Master URL, e.g. https://10.0.0.5:7443")]
    public string Url { get; set; } = "";

    [CommandOption("--token <TOKEN>", isRequired: true)]
    [Description("API token (the admin token is in the master's data dir, file admin-token)")]
    public string Token { get; set; } = "";

    [CommandOption("--ca-fingerprint <SHA256>")]
    [Description("SHA-256 fingerprint of the master's CA; without it the CA is trusted on first use")]
    public string? CaFingerprint { get; set; }

    [CommandOption("--name <CONTEXT>")]
    [Description("Name of the context to write (default: the master's host)")]
    public string? Name { get; set; }
}
