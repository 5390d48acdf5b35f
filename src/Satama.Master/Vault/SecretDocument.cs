namespace Satama.Master.Vault;

/// <summary>The spec of a secret row: the current version, sealed. Values are never stored in the clear.</summary>
internal sealed record SecretDocument(long Version, SealedValue Value, DateTimeOffset Created, DateTimeOffset Updated);
