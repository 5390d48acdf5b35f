namespace Satama.Agent.Docker;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls back on the reporting thread, in order.
/// (<see cref="Progress{T}"/> posts to the thread pool, which can reorder events.)
/// </summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
