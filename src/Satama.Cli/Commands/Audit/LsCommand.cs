using System.Globalization;
using System.Text.Json;
using Satama.Cli.Output;
using Satama.Client;
using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Audit;

/// <summary>satama audit ls [--grid G] [--actor A] [--since T] [--limit N] [--follow]: the audit trail, newest last.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<LsSettings>(environment)
{
    public const int MaxLimit = 10_000;

    protected override IReadOnlyList<string> Check(LsSettings settings)
    {
        var problems = new List<string>();
        if (settings.Grid is { } grid && Names.Check("grid", grid) is { } gridProblem)
        {
            problems.Add(gridProblem);
        }
        if (settings.Actor is { } actor && (actor.Length == 0 || actor.Length > 256))
        {
            problems.Add("--actor must be 1 to 256 characters");
        }
        if (settings.Since is { } since && SinceTime.Parse(since, DateTimeOffset.UnixEpoch) is null)
        {
            problems.Add(SinceTime.Problem(since));
        }
        if (settings.Limit is < 1 or > MaxLimit)
        {
            problems.Add($"--limit must be from 1 to {MaxLimit}, not {settings.Limit}");
        }
        return problems;
    }

    protected override TimeSpan? Timeout(LsSettings settings) => settings.Follow ? null : base.Timeout(settings);

    protected override async Task<int> RunAsync(ApiSession session, LsSettings settings, CancellationToken ct)
    {
        var query = new AuditQuery(settings.Grid, settings.Actor, settings.Since is { } since ? SinceTime.Parse(since, session.Now) : null, settings.Limit);
        if (!settings.Follow)
        {
            var events = await session.Client.ListAuditAsync(query, ct);
            session.Printer.Print(events, w =>
            {
                var table = new TextTable("TIME", "ACTOR", "ACTION", "RESOURCE", "GRID", "SOURCE", "OUTCOME");
                foreach (var e in events)
                {
                    table.Add(Time(e.Time), e.Actor, e.Action, Dash(e.Resource), Dash(e.Grid), Dash(e.Source), Outcome(e));
                }
                table.WriteTo(w);
            });
            return ExitCodes.Ok;
        }
        var output = session.Printer.Out;
        try
        {
            await foreach (var e in session.Client.FollowAuditAsync(query, ct))
            {
                switch (session.Printer.Format)
                {
                    case OutputFormat.Json:
                        // One object per line (NDJSON), so a script can read events as they come.
                        output.WriteLine(JsonSerializer.Serialize(e, SatamaClient.Json));
                        break;
                    case OutputFormat.Yaml:
                        output.Write("---\n" + StructuredText.ToYaml(e));
                        break;
                    default:
                        output.WriteLine($"{Time(e.Time)}  {e.Actor}  {e.Action}  {Dash(e.Resource)}  grid={Dash(e.Grid)}  from={Dash(e.Source)}  {Outcome(e)}");
                        break;
                }
                output.Flush();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C is how one stops following: not an error.
        }
        return ExitCodes.Ok;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Dash(string value) => value.Length == 0 ? "-" : value;

    private static string Outcome(AuditEventDto e) =>
        e.Outcome == "success" ? e.Outcome : $"{e.Outcome} {e.Status.ToString(CultureInfo.InvariantCulture)}";
}
