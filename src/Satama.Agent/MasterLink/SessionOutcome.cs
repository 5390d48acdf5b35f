namespace Satama.Agent.MasterLink;

/// <summary>How a connection to the master ended, which decides how long to wait before the next.</summary>
internal enum SessionOutcome
{
    /// <summary>Never connected, or the link dropped (by either side, or found dead): retry with the normal backoff.</summary>
    Dropped,
    /// <summary>The master said no: retry with the long backoff.</summary>
    Rejected,
}
