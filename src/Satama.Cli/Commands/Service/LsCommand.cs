using Satama.Cli.Output;

namespace Satama.Cli.Commands.Service;

/// <summary>satama service ls: NAME (stack/name), IMAGE, INSTANCES running/desired, PORTS.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var services = await session.Client.ListServicesAsync(session.Grid, ct);
        session.Printer.Print(services, w =>
        {
            var table = new TextTable("NAME", "IMAGE", "INSTANCES", "PORTS");
            foreach (var s in services.OrderBy(s => s.Stack, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
            {
                table.Add($"{s.Stack}/{s.Name}", s.Image, ServiceText.Instances(s), ServiceText.Ports(s.Ports));
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
