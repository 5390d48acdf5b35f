using System.Globalization;
using System.Net;
using Satama.Cli.Output;
using Satama.Client;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Node;

/// <summary>
/// satama node doctor [NODE]: the node preflight, run again now on each online node (its agent collects fresh
/// facts); an offline node shows the findings of its last check. One line per check with its level and fix.
/// Exits 1 when any finding is an error, so a script can gate on it.
/// </summary>
internal sealed class DoctorCommand(CliEnvironment environment) : ApiCommand<DoctorSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, DoctorSettings settings, CancellationToken ct)
    {
        var reports = new List<DoctorReportDto>();
        var offline = new HashSet<string>(StringComparer.Ordinal);
        if (settings.Name is { } name)
        {
            reports.Add(await session.Client.RunNodeDoctorAsync(session.Grid, name, ct));
        }
        else
        {
            foreach (var node in (await session.Client.ListNodesAsync(session.Grid, ct)).OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                var (report, fresh) = await RunOrStoredAsync(session, node, ct);
                if (report is not null)
                {
                    reports.Add(report);
                    if (!fresh)
                    {
                        offline.Add(node.Name);
                    }
                }
            }
        }
        session.Printer.Print(settings.Name is null ? reports : reports[0], w => Write(w, reports, offline, session.Now));
        return reports.Any(r => r.Level == "error") ? ExitCodes.Failed : ExitCodes.Ok;
    }

    // An online node is checked now; an offline one (or one that went offline meanwhile) shows its last findings.
    private static async Task<(DoctorReportDto? Report, bool Fresh)> RunOrStoredAsync(ApiSession session, NodeDto node, CancellationToken ct)
    {
        if (node.Online)
        {
            try
            {
                return (await session.Client.RunNodeDoctorAsync(session.Grid, node.Name, ct), true);
            }
            catch (SatamaApiException e) when (e.Status is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable)
            {
                // Went offline, or its agent did not answer: fall back to the stored findings.
            }
        }
        return (node.Doctor, false);
    }

    private static void Write(TextWriter w, List<DoctorReportDto> reports, HashSet<string> stale, DateTimeOffset now)
    {
        if (reports.Count == 0)
        {
            w.WriteLine("No node has preflight findings yet.");
            return;
        }
        foreach (var report in reports)
        {
            var when = stale.Contains(report.Node)
                ? $"not checked now; last checked {Ago.Format(report.CheckedAt, now)} at {report.Source}"
                : $"checked {report.CheckedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}";
            w.WriteLine($"Node {report.Node}: {report.Level} ({when})");
            var table = new TextTable("LEVEL", "CHECK", "FINDING", "FIX");
            foreach (var f in report.Findings)
            {
                table.Add(f.Level, f.Check, f.Message, f.Fix ?? "-");
            }
            table.WriteTo(w);
            if (report != reports[^1])
            {
                w.WriteLine();
            }
        }
    }
}
