using System.ComponentModel;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Service;

/// <summary>Arguments of service create.</summary>
internal sealed class CreateSettings : WaitSettings
{
    [CommandOption("--image <IMAGE>", isRequired: true)]
    [Description("Container image, e.g. nginx:1.27")]
    public string Image { get; set; } = "";

    [CommandOption("--instances <N>")]
    [Description("Number of instances")]
    [DefaultValue(1)]
    public int Instances { get; set; } = 1;

    [CommandOption("-e|--env <KEY=VALUE>")]
    [Description("Environment variable (repeatable)")]
    public string[] Env { get; set; } = [];

    [CommandOption("-p|--port <HOST:CONTAINER>")]
    [Description("Publish a container port on the node, e.g. 8080:80 or 53:53/udp (repeatable)")]
    public string[] Ports { get; set; } = [];

    [CommandOption("--secret <NAME[:env|file[:TARGET]]>")]
    [Description("Vault secret for the containers: NAME is a file at /run/secrets/NAME, NAME:env the variable NAME, NAME:env:VAR or NAME:file:PATH (repeatable)")]
    public string[] Secrets { get; set; } = [];

    [CommandOption("--cmd <COMMAND>")]
    [Description("Command to run instead of the image's, split like a shell does: --cmd \"sh -c 'echo hi'\"")]
    public string? Cmd { get; set; }

    [CommandOption("--restart <POLICY>")]
    [Description("always (default), on-failure or no")]
    public string? Restart { get; set; }

    [CommandOption("--health-http <PATH>")]
    [Description("Health check: GET PATH on --health-port; healthy on status 200-399")]
    public string? HealthHttp { get; set; }

    [CommandOption("--health-port <PORT>")]
    [Description("Container port of the --health-http check")]
    public int? HealthPort { get; set; }

    [CommandOption("--health-tcp <PORT>")]
    [Description("Health check: the container PORT accepts a TCP connection")]
    public int? HealthTcp { get; set; }

    [CommandOption("--health-cmd <COMMAND>")]
    [Description("Health check: COMMAND run in the container exits 0 (split like a shell does)")]
    public string? HealthCmd { get; set; }

    [CommandOption("--health-interval <DURATION>")]
    [Description("Time between checks, e.g. 5s (default 5s)")]
    public string? HealthInterval { get; set; }

    [CommandOption("--health-timeout <DURATION>")]
    [Description("Time one check may take, e.g. 2s (default 2s)")]
    public string? HealthTimeout { get; set; }

    [CommandOption("--health-retries <N>")]
    [Description("Failures in a row that make an instance unhealthy (default 3)")]
    public int? HealthRetries { get; set; }

    [CommandOption("--health-start-period <DURATION>")]
    [Description("Failures this long after start do not count, e.g. 10s (default 0s)")]
    public string? HealthStartPeriod { get; set; }

    [CommandOption("--min-health <FRACTION>")]
    [Description("Rollouts keep at least this fraction of instances healthy (default 0.8)")]
    public double? MinHealth { get; set; }

    [CommandOption("--parallelism <N>")]
    [Description("Rollouts replace at most N instances at once (default: from --min-health)")]
    public int? Parallelism { get; set; }

    [CommandOption("--update-order <ORDER>")]
    [Description("start-first or stop-first (default: start-first unless a host port is published)")]
    public string? UpdateOrder { get; set; }

    [CommandOption("--failure-action <ACTION>")]
    [Description("When a new instance is not healthy in time: rollback (default), pause or continue")]
    public string? FailureAction { get; set; }

    [CommandOption("--monitor <DURATION>")]
    [Description("How long a new instance has to get healthy, e.g. 30s (default 2m)")]
    public string? Monitor { get; set; }

    [CommandOption("--update-interval <DURATION>")]
    [Description("Pause between rollout batches, e.g. 10s (default 0s)")]
    public string? UpdateInterval { get; set; }

    [CommandOption("--drain <DURATION>")]
    [Description("How long a replaced instance is out of service before it stops (default 3s)")]
    public string? Drain { get; set; }

    [CommandOption("--init")]
    [Description("Run an init process as PID 1 that forwards signals and reaps zombies")]
    public bool Init { get; set; }

    [CommandOption("--stop-grace-period <DURATION>")]
    [Description("How long a stop waits for the container before it kills it, e.g. 30s (default 2s)")]
    public string? StopGracePeriod { get; set; }

    [CommandOption("--stop-signal <SIGNAL>")]
    [Description("The signal that asks the container to stop, e.g. SIGINT (default: the image's, else SIGTERM)")]
    public string? StopSignal { get; set; }

    [CommandOption("--memory <SIZE>")]
    [Description("Memory limit of each instance, e.g. 512m or 1g (default: none)")]
    public string? Memory { get; set; }

    [CommandOption("--cpus <N>")]
    [Description("CPU limit of each instance, e.g. 0.5 (default: none)")]
    public double? Cpus { get; set; }
}
