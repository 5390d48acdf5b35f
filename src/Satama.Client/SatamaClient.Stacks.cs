using Satama.Client.Dtos;

namespace Satama.Client;

public sealed partial class SatamaClient
{
    public Task<IReadOnlyList<StackDto>> ListStacksAsync(string grid, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<StackDto>>($"v1/grids/{E(grid)}/stacks", ct);

    public Task<StackDto> GetStackAsync(string grid, string stack, CancellationToken ct = default) =>
        GetAsync<StackDto>(StackPath(grid, stack), ct);

    /// <summary>Installs a new stack: its services are created in start order, all or none.</summary>
    public Task<StackChangeDto> InstallStackAsync(string grid, StackFileRequest request, CancellationToken ct = default) =>
        SendAsync<StackChangeDto>(HttpMethod.Post, $"v1/grids/{E(grid)}/stacks", request, ct);

    /// <summary>Upgrades a stack to a new file: only services whose spec changed are redeployed.</summary>
    public Task<StackChangeDto> UpgradeStackAsync(string grid, string stack, StackFileRequest request, CancellationToken ct = default) =>
        SendAsync<StackChangeDto>(HttpMethod.Put, StackPath(grid, stack), request, ct);

    /// <summary>What an upgrade to this file would change, changing nothing.</summary>
    public Task<StackChangeDto> DiffStackAsync(string grid, string stack, StackFileRequest request, CancellationToken ct = default) =>
        SendAsync<StackChangeDto>(HttpMethod.Post, StackPath(grid, stack) + "/diff", request, ct);

    public Task<IReadOnlyList<StackRevisionDto>> StackRevisionsAsync(string grid, string stack, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<StackRevisionDto>>(StackPath(grid, stack) + "/revisions", ct);

    /// <summary>Re-applies an earlier revision (default: the previous one) as a new revision.</summary>
    public Task<StackChangeDto> RollbackStackAsync(string grid, string stack, long? revision = null, CancellationToken ct = default) =>
        SendAsync<StackChangeDto>(HttpMethod.Post, StackPath(grid, stack) + "/rollback", new StackRollbackRequest(revision), ct);

    /// <summary>Removes every service of the stack, then the stack and its revisions.</summary>
    public Task DeleteStackAsync(string grid, string stack, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, StackPath(grid, stack), null, ct);

    private static string StackPath(string grid, string stack) => $"v1/grids/{E(grid)}/stacks/{E(stack)}";
}
