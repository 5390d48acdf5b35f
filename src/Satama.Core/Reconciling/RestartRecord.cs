namespace Satama.Core.Reconciling;

/// <summary>
/// What the agent remembers about restarting one container (by name): the total count it
/// reports, and the consecutive restarts that drive the backoff (reset once a run lasted
/// <see cref="RestartBackoff.StableRun"/>).
/// </summary>
public sealed record RestartRecord(int Count, int Consecutive, DateTimeOffset? LastRestartAt)
{
    public static readonly RestartRecord None = new(0, 0, null);
}
