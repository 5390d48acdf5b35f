using System.Globalization;
using Satama.Cli.Output;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Service;

/// <summary>satama service deploys NAME: every rollout, newest first, with start, end, state and reason.</summary>
internal sealed class DeploysCommand(CliEnvironment environment) : NamedServiceCommand<NameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, NameSettings settings, CancellationToken ct)
    {
        var name = ServiceName.Parse(settings.Name);
        var deploys = await session.Client.ListDeploysAsync(session.Grid, name.Stack, name.Name, ct);
        session.Printer.Print(deploys, w =>
        {
            var table = new TextTable("REVISION", "KIND", "STATE", "STARTED", "ENDED", "REASON");
            foreach (var d in deploys)
            {
                table.Add(Revision(d), d.Kind, d.State, Time(d.Started), d.Ended is { } ended ? Time(ended) : "-", d.Reason);
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }

    private static string Revision(DeploymentDto d) =>
        d.Previous <= 0 ? d.Revision.ToString(CultureInfo.InvariantCulture)
        : d.Kind == "rollback" ? $"{d.Revision.ToString(CultureInfo.InvariantCulture)} (back from {d.Previous.ToString(CultureInfo.InvariantCulture)})"
        : $"{d.Revision.ToString(CultureInfo.InvariantCulture)} (from {d.Previous.ToString(CultureInfo.InvariantCulture)})";

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}
