using Satama.Client.Dtos;

namespace Satama.Client;

/// <summary>The grid vault: secrets are written and read here, and listed without values.</summary>
public sealed partial class SatamaClient
{
    public Task<IReadOnlyList<SecretDto>> ListSecretsAsync(string grid, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<SecretDto>>($"v1/grids/{E(grid)}/secrets", ct);

    public Task<SecretDto> WriteSecretAsync(string grid, string name, string value, CancellationToken ct = default) =>
        SendAsync<SecretDto>(HttpMethod.Post, $"v1/grids/{E(grid)}/secrets", new SecretWriteRequest(name, value), ct);

    public Task<SecretDto> UpdateSecretAsync(string grid, string name, string value, CancellationToken ct = default) =>
        SendAsync<SecretDto>(HttpMethod.Put, $"v1/grids/{E(grid)}/secrets/{E(name)}", new SecretUpdateRequest(value), ct);

    public Task<SecretValueDto> ReadSecretAsync(string grid, string name, CancellationToken ct = default) =>
        GetAsync<SecretValueDto>($"v1/grids/{E(grid)}/secrets/{E(name)}", ct);

    public Task DeleteSecretAsync(string grid, string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"v1/grids/{E(grid)}/secrets/{E(name)}", null, ct);
}
