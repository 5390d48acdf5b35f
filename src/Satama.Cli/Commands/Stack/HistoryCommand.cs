using System.Globalization;
using Satama.Cli.Output;

namespace Satama.Cli.Commands.Stack;

/// <summary>satama stack history NAME: every revision with its time, author and what made it.</summary>
internal sealed class HistoryCommand(CliEnvironment environment) : NamedStackCommand<StackNameSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, StackNameSettings settings, CancellationToken ct)
    {
        var revisions = await session.Client.StackRevisionsAsync(session.Grid, settings.Name, ct);
        session.Printer.Print(revisions, w =>
        {
            var table = new TextTable("REVISION", "ACTION", "CREATED", "AUTHOR", "FILE", "SERVICES");
            foreach (var r in revisions.OrderBy(r => r.Revision))
            {
                var action = r.RolledBackTo is { } to ? $"rollback to {StackText.N(to)}" : r.Action;
                table.Add(StackText.N(r.Revision), action, r.Created.UtcDateTime.ToString("u", CultureInfo.InvariantCulture), r.Author, r.File,
                    string.Join(",", r.Services));
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
