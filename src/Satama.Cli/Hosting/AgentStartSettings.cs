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

    [CommandOption("--secrets-dir <DIR>")]
    [Description("Where file secrets are written, on a tmpfs (default: /dev/shm/satama-secrets/ID)")]
    public string? SecretsDir { get; set; }

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

    [CommandOption("--lb <true|false>")]
    [Description("Run the ingress load balancer (default: when labelled ingress=true)")]
    public bool? Lb { get; set; }

    [CommandOption("--lb-address <IP>")]
    [Description("Address the load balancer listens on")]
    [DefaultValue("0.0.0.0")]
    public string LbAddress { get; set; } = "0.0.0.0";

    [CommandOption("--lb-http-port <PORT>")]
    [Description("Load balancer HTTP port")]
    [DefaultValue(80)]
    public int LbHttpPort { get; set; } = 80;

    [CommandOption("--lb-https-port <PORT>")]
    [Description("Load balancer HTTPS port (0: none)")]
    [DefaultValue(443)]
    public int LbHttpsPort { get; set; } = 443;

    [CommandOption("--lb-metrics-port <PORT>")]
    [Description("Load balancer Prometheus metrics port, /metrics (0: none)")]
    [DefaultValue(9180)]
    public int LbMetricsPort { get; set; } = 9180;

    [CommandOption("--lb-threads <N>")]
    [Description("Event loops of the plain-HTTP load balancer (0: half the cores)")]
    [DefaultValue(0)]
    public int LbThreads { get; set; }

    [CommandOption("--lb-access-log <true|false>")]
    [Description("Log every load-balanced request on stderr")]
    [DefaultValue(true)]
    public bool LbAccessLog { get; set; } = true;

    public override ValidationResult Validate() =>
        HostLifetime.ParseLevel(LogLevel) is null
            ? ValidationResult.Error($"--log-level '{LogLevel}' is not one of: debug, information, warning, error")
            : base.Validate();
}
