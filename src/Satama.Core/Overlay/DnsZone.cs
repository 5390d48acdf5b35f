namespace Satama.Core.Overlay;

/// <summary>One serving instance (running, healthy, not draining) of the grid.</summary>
public sealed record DnsInstance(string Stack, string Service, string Instance, string Address);

/// <summary>A service of the grid, known even when no instance serves.</summary>
public sealed record DnsService(string Stack, string Service);

/// <summary>What a node's DNS server knows of its grid: the master sends it, the agent keeps the last one.</summary>
public sealed record DnsZone(string Grid, IReadOnlyList<DnsInstance> Instances, IReadOnlyList<DnsService> Services)
{
    public static DnsZone Empty(string grid) => new(grid, [], []);
}
