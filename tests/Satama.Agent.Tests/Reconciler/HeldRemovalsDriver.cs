using Satama.Agent.Docker;
using Satama.Core.Reconciling;

namespace Satama.Agent.Tests.Reconciler;

/// <summary>The real engine's driver, except that every removal waits until <see cref="Release"/>: a stop that takes its time.</summary>
internal sealed class HeldRemovalsDriver(IContainerDriver engine) : IContainerDriver
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>How many removals have started and wait.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _released.TrySetResult();

    public async Task RemoveAsync(string name, CancellationToken ct)
    {
        Interlocked.Increment(ref _held);
        await _released.Task.WaitAsync(ct);
        await engine.RemoveAsync(name, ct);
    }

    public Task<IReadOnlyList<ActualContainerView>> ListAsync(string grid, string node, CancellationToken ct) => engine.ListAsync(grid, node, ct);

    public Task CreateAsync(DesiredContainerView spec, string node, CancellationToken ct) => engine.CreateAsync(spec, node, ct);

    public Task StartAsync(string name, CancellationToken ct) => engine.StartAsync(name, ct);

    public void RestoreSecretFiles(DesiredContainerView spec) => engine.RestoreSecretFiles(spec);

    public IAsyncEnumerable<ReadOnlyMemory<byte>> LogsAsync(string id, int tail, bool follow, bool timestamps, CancellationToken ct) =>
        engine.LogsAsync(id, tail, follow, timestamps, ct);

    public Task<ExecOutcome> ExecAsync(string id, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken ct) =>
        engine.ExecAsync(id, command, timeout, ct);

    public Task<EngineInfo> GetEngineInfoAsync(CancellationToken ct) => engine.GetEngineInfoAsync(ct);

    public IAsyncEnumerable<ContainerEvent> WatchAsync(string grid, string node, CancellationToken ct) => engine.WatchAsync(grid, node, ct);
}
