namespace Satama.Core.Stacks.Model;

/// <summary>A container port, published on <see cref="Published"/> of the node when that is set.</summary>
public sealed record StackPort(int Target, int? Published = null, string Protocol = "tcp", string? HostIp = null, string? Mode = null);
