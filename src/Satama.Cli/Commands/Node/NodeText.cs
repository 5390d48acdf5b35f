using Satama.Cli.Output;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Node;

internal static class NodeText
{
    public static string Status(NodeDto node) => node.Online ? "online" : "offline";

    /// <summary>node show's preflight lines: the worst level and when, then each finding that is not ok with its fix.</summary>
    public static Details Preflight(Details details, DoctorReportDto? doctor, DateTimeOffset now)
    {
        if (doctor is null)
        {
            return details.Add("Preflight", "not checked yet");
        }
        var problems = doctor.Findings.Where(f => f.Level != "ok").ToList();
        details.Add("Preflight", $"{doctor.Level}{(problems.Count > 0 ? $": {problems.Count} of {doctor.Findings.Count} checks" : "")} (checked {Ago.Format(doctor.CheckedAt, now)} at {doctor.Source}; 'satama node doctor' checks again)");
        foreach (var f in problems)
        {
            details.Add($"  {f.Check}", $"{f.Level}: {f.Message}; fix: {f.Fix}");
        }
        return details;
    }

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "-" : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
