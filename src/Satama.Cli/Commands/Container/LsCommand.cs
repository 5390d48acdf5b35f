using System.Globalization;
using Satama.Cli.Output;

namespace Satama.Cli.Commands.Container;

/// <summary>satama container ls: every Satama container of the grid, on every node.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var containers = await session.Client.ListContainersAsync(session.Grid, ct);
        session.Printer.Print(containers, w =>
        {
            var table = new TextTable("ID", "NAME", "NODE", "SERVICE", "STATE", "RESTARTS", "IMAGE", "STARTED");
            foreach (var c in containers.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var state = c.ExitCode is { } code && c.State != "running" ? $"{c.State} ({code})" : c.State;
                table.Add(c.Id.Length > 12 ? c.Id[..12] : c.Id, c.Name, c.Node, $"{c.Stack}/{c.Service}", state,
                    c.RestartCount.ToString(CultureInfo.InvariantCulture), c.Image, Ago.Format(c.StartedAt, session.Now));
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
