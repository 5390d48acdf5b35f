namespace Satama.Core.Stacks.Model;

/// <summary>A top-level network. Drivers and IPAM are the grid's business, so only external-ness is kept.</summary>
public sealed record NetworkSpec(bool External = false, string? ExternalName = null);
