using System.Globalization;
using Satama.Cli.Output;

namespace Satama.Cli.Commands.Node;

/// <summary>satama node show NAME: status, labels and what the agent reported about the host.</summary>
internal sealed class ShowCommand(CliEnvironment environment) : ApiCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        var n = await session.Client.GetNodeAsync(session.Grid, settings.Name, ct);
        session.Printer.Print(n, w => NodeText.Preflight(new Details()
            .Add("Name", n.Name)
            .Add("Id", n.Id)
            .Add("Grid", n.Grid)
            .Add("Status", NodeText.Status(n))
            .Add("Last seen", Ago.Format(n.LastSeen, session.Now))
            .Add("Labels", NodeText.Labels(n.Labels))
            .Add("Containers", n.Containers.ToString(CultureInfo.InvariantCulture))
            .Add("Address", n.Info.Address)
            .Add("OS", n.Info.Os)
            .Add("Kernel", n.Info.Kernel)
            .Add("CPUs", n.Info.Cpus.ToString(CultureInfo.InvariantCulture))
            .Add("Memory", $"{n.Info.MemoryBytes / (1024 * 1024)} MiB")
            .Add("Docker", $"{n.Info.DockerVersion} ({n.Info.StorageDriver}, cgroup {n.Info.CgroupVersion}, log {n.Info.LogDriver})")
            .Add("Agent", n.Info.AgentVersion)
            .Add("Created", n.Created.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)), n.Doctor, session.Now)
            .WriteTo(w));
        return ExitCodes.Ok;
    }
}
