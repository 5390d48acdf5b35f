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

    [CommandOption("--cmd <COMMAND>")]
    [Description("Command to run instead of the image's, split like a shell does: --cmd \"sh -c 'echo hi'\"")]
    public string? Cmd { get; set; }

    [CommandOption("--restart <POLICY>")]
    [Description("always (default), on-failure or no")]
    public string? Restart { get; set; }
}
