using Satama.Client.Dtos;

namespace Satama.Client;

/// <summary>The ingress load balancer.</summary>
public sealed partial class SatamaClient
{
    /// <summary>The routing table of every ingress node of the grid, or of one (<paramref name="node"/>).</summary>
    public Task<LbRoutesDto> GetLbRoutesAsync(string grid, string? node = null, CancellationToken ct = default) =>
        GetAsync<LbRoutesDto>($"v1/grids/{E(grid)}/lb/routes" + (node is null ? "" : $"?node={E(node)}"), ct);
}
