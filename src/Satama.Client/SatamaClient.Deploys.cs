using Satama.Client.Dtos;

namespace Satama.Client;

public sealed partial class SatamaClient
{
    /// <summary>Rolls out the service: retries a paused rollout, or with force a new revision of the same spec.</summary>
    public Task<ServiceDto> DeployServiceAsync(string grid, string stack, string service, bool force, CancellationToken ct = default) =>
        SendAsync<ServiceDto>(HttpMethod.Post, ServicePath(grid, stack, service) + "/deploy", new ServiceDeployRequest(force), ct);

    /// <summary>The service's rollouts, the one in flight first, then the finished ones newest first.</summary>
    public Task<List<DeploymentDto>> ListDeploysAsync(string grid, string stack, string service, CancellationToken ct = default) =>
        SendAsync<List<DeploymentDto>>(HttpMethod.Get, ServicePath(grid, stack, service) + "/deploys", null, ct);
}
