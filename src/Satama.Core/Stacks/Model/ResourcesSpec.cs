namespace Satama.Core.Stacks.Model;

/// <summary>deploy.resources: what a service may use (limits) and what the scheduler sets aside (reservations).</summary>
public sealed record ResourcesSpec(ResourceSet? Limits, ResourceSet? Reservations);
