namespace Satama.Master.Vault;

/// <summary>A stored secret cannot be opened (wrong master key, altered row). Never carries the value.</summary>
internal sealed class VaultException(string message) : Exception(message);
