using System.Reflection;
using System.Runtime.InteropServices;
using Satama.Cli.Output;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands;

/// <summary>satama version: the CLI's version (no master needed).</summary>
internal sealed class VersionCommand(CliEnvironment environment) : Command<GlobalSettings>
{
    public static string Version { get; } = ReadVersion();

    public override int Execute(CommandContext context, GlobalSettings settings, CancellationToken cancellationToken)
    {
        var info = new { version = Version, runtime = RuntimeInformation.FrameworkDescription, os = RuntimeInformation.RuntimeIdentifier };
        new Printer(environment, settings).Print(info, w => w.WriteLine($"satama {Version} ({info.runtime}, {info.os})"));
        return ExitCodes.Ok;
    }

    private static string ReadVersion()
    {
        var informational = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // "0.1.0+<commit>": the commit suffix is noise for users.
        return informational?.Split('+')[0] ?? "0.0.0";
    }
}
