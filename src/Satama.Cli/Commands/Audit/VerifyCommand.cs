using System.Globalization;

namespace Satama.Cli.Commands.Audit;

/// <summary>satama audit verify: checks the trail's hash chain on the master; exit 1 when an event was changed or deleted.</summary>
internal sealed class VerifyCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var result = await session.Client.VerifyAuditAsync(ct);
        var count = result.Checked.ToString(CultureInfo.InvariantCulture);
        if (result.Ok)
        {
            session.Printer.Print(result, w => w.WriteLine($"Audit trail intact: {count} events checked"));
            return ExitCodes.Ok;
        }
        if (session.Printer.Format != Output.OutputFormat.Table)
        {
            session.Printer.Print(result, _ => { });
        }
        throw new CliException($"audit trail tampered: {result.Reason} (event {result.FirstBadId?.ToString(CultureInfo.InvariantCulture) ?? "?"}; {count} events before it check out)");
    }
}
