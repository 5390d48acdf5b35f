using System.Security.Cryptography;
using System.Text;

namespace Satama.Master.Vault;

/// <summary>
/// AES-256-GCM under the master key. Each version of each secret gets a fresh 96-bit nonce,
/// and its grid, name and version are the associated data, so a ciphertext moved to another
/// row (or replayed as another version) fails to decrypt instead of yielding a wrong value.
/// </summary>
internal sealed class SecretCipher(byte[] key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public SealedValue Seal(string grid, string name, long version, string value)
    {
        var plain = Encoding.UTF8.GetBytes(value);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, cipher, tag, AssociatedData(grid, name, version));
        CryptographicOperations.ZeroMemory(plain);
        return new SealedValue(Convert.ToBase64String(nonce), Convert.ToBase64String(cipher), Convert.ToBase64String(tag));
    }

    /// <summary>The value, or an exception when the key is wrong or the row was tampered with.</summary>
    public string Open(string grid, string name, long version, SealedValue sealedValue)
    {
        var cipher = Convert.FromBase64String(sealedValue.Cipher);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(Convert.FromBase64String(sealedValue.Nonce), cipher, Convert.FromBase64String(sealedValue.Tag), plain, AssociatedData(grid, name, version));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new VaultException($"secret '{name}' cannot be decrypted: the master key is not the one it was written with, or the stored row was altered");
        }
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] AssociatedData(string grid, string name, long version) =>
        Encoding.UTF8.GetBytes($"satama-secret\n{grid}\n{name}\n{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
