using System.ComponentModel;
using Satama.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Hosting;

/// <summary>Arguments of satama agent start.</summary>
internal sealed class AgentStartSettings : GlobalSettings
{
    [CommandOption("--master <URL>", isRequired: true)]
    [Description("Master URL, e.g. https://10.0.0.5:7443")]
    public string Master { get; set; } = "";

    [CommandOption("--grid-token <TOKEN>", isRequired: true)]
    [Description("The grid's join token (satama grid show GRID)")]
    public string GridToken { get; set; } = "";

    [CommandOption("--ca-fingerprint <SHA256>")]
    [Description("SHA-256 of the master's CA (default: trust on first use, then pinned)")]
    public string? CaFingerprint { get; set; }

    [CommandOption("--name <NODE>")]
    [Description("Node name (default: the host name)")]
    public string? Name { get; set; }

    [CommandOption("--docker-host <URI>")]
    [Description("Docker Engine endpoint")]
    [DefaultValue("unix:///var/run/docker.sock")]
    public string DockerHost { get; set; } = "unix:///var/run/docker.sock";

    [CommandOption("--address <IP>")]
    [Description("Address other nodes reach this node on (default: detected)")]
    public string? Address { get; set; }

    [CommandOption("--data <DIR>")]
    [Description("Agent data dir (default: $SATAMA_DATA/agent or ~/.local/share/satama/agent)")]
    public string? Data { get; set; }

    [CommandOption("--wg-interface <IFNAME>")]
    [Description("WireGuard interface of the grid's overlay")]
    [DefaultValue("satama0")]
    public string WgInterface { get; set; } = "satama0";

    [CommandOption("--no-overlay")]
    [Description("No overlay network, WireGuard or DNS: containers use the engine's default bridge")]
    public bool NoOverlay { get; set; }

    [CommandOption("-l|--label <KEY=VALUE>")]
    [Description("Node label (repeatable)")]
    public string[] Labels { get; set; } = [];

    [CommandOption("--log-level <LEVEL>")]
    [Description("debug, information (default), warning or error")]
    public string LogLevel { get; set; } = "information";

    public override ValidationResult Validate() =>
        HostLifetime.ParseLevel(LogLevel) is null
            ? ValidationResult.Error($"--log-level '{LogLevel}' is not one of: debug, information, warning, error")
            : base.Validate();
}
