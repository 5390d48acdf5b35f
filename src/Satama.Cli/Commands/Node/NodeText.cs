using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Node;

internal static class NodeText
{
    public static string Status(NodeDto node) => node.Online ? "online" : "offline";

    public static string Labels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "-" : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
