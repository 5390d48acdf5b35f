using System.ComponentModel;
using Satama.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Hosting;

/// <summary>Arguments of satama master start.</summary>
internal sealed class MasterStartSettings : GlobalSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Master data dir (default: $SATAMA_DATA/master or ~/.local/share/satama/master)")]
    public string? Data { get; set; }

    [CommandOption("--listen <URL>")]
    [Description("Listen address, repeatable (default: https://127.0.0.1:7443; use https://0.0.0.0:7443 for other hosts)")]
    public string[] Listen { get; set; } = [];

    [CommandOption("--log-level <LEVEL>")]
    [Description("debug, information (default), warning or error")]
    public string LogLevel { get; set; } = "information";

    public override ValidationResult Validate()
    {
        if (Listen.FirstOrDefault(l => ListenAddress.Normalize(l) is null) is { } bad)
        {
            return ValidationResult.Error($"--listen '{bad}' is not an https URL with a port (e.g. https://0.0.0.0:7443)");
        }
        return HostLifetime.ParseLevel(LogLevel) is null
            ? ValidationResult.Error($"--log-level '{LogLevel}' is not one of: debug, information, warning, error")
            : base.Validate();
    }
}
