namespace Satama.Agent.Reconciler;

/// <summary>The last failure to create or start a container, and when to try again.</summary>
internal sealed record FailureRecord(string Error, int Attempts, DateTimeOffset RetryAt);
