using Satama.Cli.Contexts;
using Satama.Cli.Output;
using Spectre.Console.Cli;

namespace Satama.Cli.Commands.Context;

/// <summary>satama context ls: the known masters; '*' marks the current one. Tokens are never shown.</summary>
internal sealed class LsCommand(CliEnvironment environment) : Command<GlobalSettings>
{
    public override int Execute(CommandContext context, GlobalSettings settings, CancellationToken cancellationToken)
    {
        var config = new ConfigStore(environment.ConfigPath).Load();
        var rows = config.Contexts
            .Select(c => new { name = c.Name, current = c.Name == config.Current, url = c.Url, grid = c.Grid ?? "default", caFingerprint = c.CaFingerprint })
            .ToList();
        new Printer(environment, settings).Print(rows, w =>
        {
            if (rows.Count == 0)
            {
                w.WriteLine("No contexts. Run 'satama up' or 'satama login URL --token TOKEN'.");
                return;
            }
            var table = new TextTable("CURRENT", "NAME", "URL", "GRID");
            foreach (var row in rows)
            {
                table.Add(row.current ? "*" : "", row.name, row.url, row.grid);
            }
            table.WriteTo(w);
        });
        return ExitCodes.Ok;
    }
}
