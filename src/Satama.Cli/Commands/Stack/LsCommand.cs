using Satama.Cli.Output;

namespace Satama.Cli.Commands.Stack;

/// <summary>satama stack ls: NAME, SERVICES, INSTANCES running/desired, STATE, REVISION, UPDATED.</summary>
internal sealed class LsCommand(CliEnvironment environment) : ApiCommand<GlobalSettings>(environment)
{
    protected override async Task<int> RunAsync(ApiSession session, GlobalSettings settings, CancellationToken ct)
    {
        var stacks = await session.Client.ListStacksAsync(session.Grid, ct);
        session.Printer.Print(stacks, w =>
        {
            var table = new TextTable("NAME", "SERVICES", "INSTANCES", "STATE", "REVISION", "UPDATED");
            foreach (var s in stacks.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                table.Add(s.Name, StackText.N(s.Services.Count), StackText.Instances(s), s.State, StackText.N(s.Revision), Ago.Format(s.Updated, session.Now));
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
