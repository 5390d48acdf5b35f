namespace Satama.Core.Scheduling;

/// <summary>A read snapshot of one node of the grid, as the placer sees it.</summary>
public sealed record NodeView(string Name, bool Online, IReadOnlyDictionary<string, string> Labels)
{
    public NodeView(string name, bool online)
        : this(name, online, new Dictionary<string, string>())
    {
    }

    /// <summary>CPUs of the node; 0 means unknown, which no reservation can exhaust.</summary>
    public double Cpus { get; init; }

    /// <summary>Memory of the node in bytes; 0 means unknown, which no reservation can exhaust.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>When an offline node was last heard of; null when online or never seen.</summary>
    public DateTimeOffset? OfflineSince { get; init; }

    /// <summary>The node's <c>region</c> label, or "" without one.</summary>
    public string Region => Labels.TryGetValue("region", out var region) ? region : "";

    /// <summary>The node's <c>az</c> label, or "" without one.</summary>
    public string Zone => Labels.TryGetValue("az", out var az) ? az : "";
}
