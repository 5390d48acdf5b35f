using System.Globalization;
using Satama.Cli.Output;

namespace Satama.Cli.Commands.Grid;

/// <summary>satama grid ls.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var grids = await session.Client.ListGridsAsync(ct);
        session.Printer.Print(grids, w =>
        {
            var table = new TextTable("NAME", "SUBNET", "NODES", "SERVICES", "CREATED");
            foreach (var g in grids.OrderBy(g => g.Name, StringComparer.Ordinal))
            {
                table.Add(g.Name, g.Subnet, I(g.Nodes), I(g.Services), Ago.Format(g.Created, session.Now));
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }

    private static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
}
