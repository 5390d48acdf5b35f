namespace Satama.Core.Lb;

/// <summary>One container as the master last heard of it, the input of <see cref="LbRouting"/>.</summary>
public sealed record LbInstance(string Container, string Stack, string Service, int Instance, string State, string? Health, string? IpAddress, string Node = "");
