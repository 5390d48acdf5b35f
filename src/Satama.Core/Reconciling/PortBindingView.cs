namespace Satama.Core.Reconciling;

/// <summary>A container port published on the node. An empty <see cref="HostIp"/> means all addresses.</summary>
public sealed record PortBindingView(int HostPort, int ContainerPort, string Protocol = "tcp", string HostIp = "");
