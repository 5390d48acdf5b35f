using Satama.Client.Dtos;

namespace Satama.Client;

public sealed partial class SatamaClient
{
    /// <summary>The node's last preflight findings (404 before any).</summary>
    public Task<DoctorReportDto> GetNodeDoctorAsync(string grid, string node, CancellationToken ct = default) =>
        GetAsync<DoctorReportDto>($"v1/grids/{E(grid)}/nodes/{E(node)}/doctor", ct);

    /// <summary>Runs the preflight again on an online node (its agent collects fresh facts) and stores the findings (409 when offline).</summary>
    public Task<DoctorReportDto> RunNodeDoctorAsync(string grid, string node, CancellationToken ct = default) =>
        SendAsync<DoctorReportDto>(HttpMethod.Post, $"v1/grids/{E(grid)}/nodes/{E(node)}/doctor", null, ct);
}
