using Satama.Core.Overlay;

namespace Satama.Agent.Overlay;

/// <summary>One WireGuard peer: another node of the grid.</summary>
internal sealed record OverlayPeerView(string Node, string PublicKey, string Endpoint, string Subnet);

/// <summary>The node's overlay as the master last sent it; kept on disk so a restart without the master still sets it up.</summary>
internal sealed record OverlayView(string Grid, string GridSubnet, string NodeSubnet, IReadOnlyList<OverlayPeerView> Peers)
{
    public string NetworkName => $"satama-{Grid}";
}

/// <summary>The agent's saved overlay state: the last config and the last DNS records.</summary>
internal sealed record OverlayState(OverlayView? Config, DnsZone? Zone);
