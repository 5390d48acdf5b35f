using Satama.Core.Reconciling;

namespace Satama.Agent.Docker;

/// <summary>
/// The seam between the agent and the container engine. Every operation is idempotent:
/// creating a container that exists adopts it, removing one that is gone is done.
/// </summary>
internal interface IContainerDriver
{
    /// <summary>The containers labelled with this grid and node, in any state.</summary>
    Task<IReadOnlyList<ActualContainerView>> ListAsync(string grid, string node, CancellationToken ct);

    /// <summary>Creates the container (pulling its image once if it is missing); adopts an existing one of ours with that name.</summary>
    Task CreateAsync(DesiredContainerView spec, string node, CancellationToken ct);

    Task StartAsync(string name, CancellationToken ct);

    /// <summary>
    /// Before an existing container starts again: puts its file secrets back where a host reboot may have emptied the
    /// tmpfs. Throws <see cref="ContainerDriverException"/> when one is gone and its value is not at hand.
    /// </summary>
    void RestoreSecretFiles(DesiredContainerView spec);

    /// <summary>Stops with the grace period the container was created with (2 s when it has none), then removes. A missing container counts as removed.</summary>
    Task RemoveAsync(string name, CancellationToken ct);

    /// <summary>Log bytes, stdout and stderr merged in order; ends when the log ends (or, following, when cancelled).</summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> LogsAsync(string id, int tail, bool follow, bool timestamps, CancellationToken ct);

    Task<ExecOutcome> ExecAsync(string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct);

    Task<EngineInfo> GetEngineInfoAsync(CancellationToken ct);

    /// <summary>The node preflight's facts about the engine and its host (null: this driver cannot tell).</summary>
    Task<EngineDiagnostics?> GetDiagnosticsAsync(string node, CancellationToken ct) => Task.FromResult<EngineDiagnostics?>(null);

    /// <summary>Lifecycle events of this grid's and node's containers until cancelled (throws when the engine goes away).</summary>
    IAsyncEnumerable<ContainerEvent> WatchAsync(string grid, string node, CancellationToken ct);
}
