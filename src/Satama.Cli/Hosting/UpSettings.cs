using System.ComponentModel;
using Satama.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Hosting;

/// <summary>Arguments of satama up.</summary>
internal sealed class UpSettings : GlobalSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Data dir (default: $SATAMA_DATA or ~/.local/share/satama)")]
    public string? Data { get; set; }

    [CommandOption("--listen <ADDR:PORT>")]
    [Description("Where the master listens (default: 127.0.0.1:7443)")]
    public string Listen { get; set; } = ListenAddress.Default;

    [CommandOption("-d|--detach")]
    [Description("Run in the background (log in DATA/satama.log); stop with 'satama down'")]
    public bool Detach { get; set; }

    [CommandOption("--log-level <LEVEL>")]
    [Description("Log level of master and agent: debug, information, warning (default) or error")]
    public string LogLevel { get; set; } = "warning";

    public override ValidationResult Validate()
    {
        if (ListenAddress.Normalize(Listen) is null)
        {
            return ValidationResult.Error($"--listen '{Listen}' is not ADDR:PORT (e.g. 0.0.0.0:7443)");
        }
        return HostLifetime.ParseLevel(LogLevel) is null
            ? ValidationResult.Error($"--log-level '{LogLevel}' is not one of: debug, information, warning, error")
            : base.Validate();
    }
}
