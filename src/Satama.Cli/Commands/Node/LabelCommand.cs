using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Node;

/// <summary>satama node label NAME k=v... [--remove k]...</summary>
internal sealed class LabelCommand(CliEnvironment environment) : ApiCommand<LabelSettings>(environment)
{
    protected override IReadOnlyList<string> Check(LabelSettings settings)
    {
        var problems = new List<string>();
        KeyValues.Parse(settings.Labels, "label", problems);
        if (settings.Labels.Length == 0 && settings.Remove.Length == 0)
        {
            problems.Add("nothing to do: give labels as KEY=VALUE and/or --remove KEY");
        }
        problems.AddRange(settings.Remove.Where(string.IsNullOrWhiteSpace).Select(_ => "--remove needs a label key"));
        return problems;
    }

    protected override async Task<int> RunAsync(ApiSession session, LabelSettings settings, CancellationToken ct)
    {
        var set = KeyValues.Parse(settings.Labels, "label", []);
        var node = await session.Client.LabelNodeAsync(session.Grid, settings.Name, new NodeLabelsRequest(set, settings.Remove), ct);
        session.Printer.Print(node, w => w.WriteLine($"Node {node.Name} labels: {NodeText.Labels(node.Labels)}"));
        return ExitCodes.Ok;
    }
}
