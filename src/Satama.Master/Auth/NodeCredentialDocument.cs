namespace Satama.Master.Auth;

/// <summary>The SHA-256 of the credential a node got at join; the agent holds the value.</summary>
internal sealed record NodeCredentialDocument(string Hash, DateTimeOffset Issued);
