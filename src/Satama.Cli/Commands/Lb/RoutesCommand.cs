using System.Globalization;
using Satama.Cli.Output;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Lb;

/// <summary>satama lb routes [NODE]: the live routing table of the grid's ingress load balancers.</summary>
internal sealed class RoutesCommand(CliEnvironment environment) : ApiCommand<RoutesSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, RoutesSettings settings, CancellationToken ct)
    {
        var routes = await session.Client.GetLbRoutesAsync(session.Grid, settings.Node, ct);
        session.Printer.Print(routes, w =>
        {
            if (routes.Nodes.Count == 0)
            {
                w.WriteLine($"No ingress node in grid {routes.Grid}: label one with 'satama agent start --label ingress=true'.");
            }
            var table = new TextTable("NODE", "ROUTE", "HOSTS", "PATH", "BACKENDS", "REQUESTS", "ERRORS");
            foreach (var node in routes.Nodes)
            {
                foreach (var route in node.Routes)
                {
                    table.Add(node.Node, route.Id, route.Hosts.Count == 0 ? "*" : string.Join(",", route.Hosts), Path(route),
                        route.Backends.Count == 0 ? "-" : string.Join(" ", route.Backends.Select(Backend)),
                        node.Reported ? route.Requests.ToString(CultureInfo.InvariantCulture) : "-",
                        node.Reported ? route.Errors.ToString(CultureInfo.InvariantCulture) : "-");
                }
            }
            table.WriteTo(w);
            foreach (var node in routes.Nodes)
            {
                w.WriteLine(Status(node, session.Now));
            }
            foreach (var problem in routes.Problems)
            {
                w.WriteLine($"problem: {problem}");
            }
        });
        return ExitCodes.Ok;
    }

    private static string Path(LbRouteDto route) =>
        route.Path + (route.StripPath ? " (stripped)" : "") + (route.TlsSecret is null ? "" : " tls") + (route.RedirectHttps ? " →https" : "") + (route.Sticky ? " sticky" : "");

    private static string Backend(LbBackendDto backend) =>
        backend.Address + (backend.PassiveHealthy == false ? "(failing)" : "");

    private static string Status(LbNodeRoutesDto node, DateTimeOffset now)
    {
        var state = !node.Online ? "offline (serving its last routes)" : "online";
        if (!node.Reported)
        {
            return $"{node.Node}: {state}; the load balancer has not reported yet (routes shown as sent)";
        }
        var listening = node.Endpoints.Count == 0 ? "" : $", listening on {string.Join(" ", node.Endpoints)}";
        var error = node.Error is null ? "" : $", error: {node.Error}";
        return $"{node.Node}: {state}{listening}, reported {Ago.Format(node.ReportedAt, now)}{error}";
    }
}
