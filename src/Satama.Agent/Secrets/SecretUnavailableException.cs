namespace Satama.Agent.Secrets;

/// <summary>A container's secret cannot be delivered now (not sent, missing in the vault, not writable). Never carries a value.</summary>
internal sealed class SecretUnavailableException(string message) : Exception(message);
