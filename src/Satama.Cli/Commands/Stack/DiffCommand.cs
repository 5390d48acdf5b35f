namespace Satama.Cli.Commands.Stack;

/// <summary>satama stack diff NAME FILE: what an upgrade to FILE would change, per service; changes nothing.</summary>
internal sealed class DiffCommand(CliEnvironment environment) : StackFileCommand<DiffSettings>(environment)
{
    protected override void CheckMore(DiffSettings settings, List<string> problems) => StackText.Check(settings.Name, problems);

    protected override async Task<int> RunAsync(ApiSession session, DiffSettings settings, CancellationToken ct)
    {
        var request = Load(session, settings, settings.File, settings.Name);
        var diff = await session.Client.DiffStackAsync(session.Grid, settings.Name, request, ct);
        session.Printer.Print(diff, w =>
        {
            if (diff.Changes.All(c => c.Change == "unchanged"))
            {
                w.WriteLine($"No changes: stack {diff.Name} at revision {diff.Revision} already runs this file.");
                return;
            }
            w.WriteLine($"Upgrading stack {diff.Name} (revision {diff.Revision}) to {settings.File} would:");
            StackText.WriteDiff(w, diff.Changes);
        });
        return ExitCodes.Ok;
    }
}
