namespace Satama.Master.Overlay;

/// <summary>
/// The spec of an overlay row (kind <see cref="OverlayDirectory.Kind"/>, named after its node):
/// the node's subnet index in the grid's CIDR and its WireGuard identity. A row whose node was
/// removed no longer counts, so its index goes to the next node that joins.
/// </summary>
internal sealed record OverlayNodeDocument(int Index, string PublicKey, string Endpoint);
