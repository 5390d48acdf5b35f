namespace Satama.Master.Vault;

/// <summary>An encrypted secret value as stored: base64 nonce, ciphertext and GCM tag.</summary>
internal sealed record SealedValue(string Nonce, string Cipher, string Tag);
