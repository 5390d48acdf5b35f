using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Service;

/// <summary>Arguments of the service commands that change instances and can wait for them.</summary>
internal class WaitSettings : NameSettings
{
    [CommandOption("-w|--wait")]
    [Description("Wait until every instance runs the current revision")]
    public bool Wait { get; set; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long --wait waits")]
    [DefaultValue(120)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>The command's time limit: --timeout plus the request time when waiting.</summary>
    public static TimeSpan Limit(WaitSettings settings, CliEnvironment environment) =>
        settings.Wait ? TimeSpan.FromSeconds(settings.TimeoutSeconds) + environment.RequestTimeout : environment.RequestTimeout;

    public override ValidationResult Validate() =>
        TimeoutSeconds < 1 ? ValidationResult.Error($"--timeout must be 1 or more, not {TimeoutSeconds}") : base.Validate();
}
