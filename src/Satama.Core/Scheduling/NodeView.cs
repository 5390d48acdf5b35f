namespace Satama.Core.Scheduling;

/// <summary>A read snapshot of one node of the grid, as the placer sees it.</summary>
public sealed record NodeView(string Name, bool Online, IReadOnlyDictionary<string, string> Labels)
{
    public NodeView(string name, bool online)
        : this(name, online, new Dictionary<string, string>())
    {
    }
}
