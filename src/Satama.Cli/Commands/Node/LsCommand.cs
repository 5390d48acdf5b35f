using System.Globalization;
using Satama.Cli.Output;

namespace Satama.Cli.Commands.Node;

/// <summary>satama node ls: NAME, STATUS, LABELS, CONTAINERS, LAST SEEN.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var nodes = await session.Client.ListNodesAsync(session.Grid, ct);
        session.Printer.Print(nodes, w =>
        {
            var table = new TextTable("NAME", "STATUS", "LABELS", "CONTAINERS", "LAST SEEN");
            foreach (var n in nodes.OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                table.Add(n.Name, NodeText.Status(n), NodeText.Labels(n.Labels),
                    n.Containers.ToString(CultureInfo.InvariantCulture), Ago.Format(n.LastSeen, session.Now));
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
