using System.Security.Cryptography;
using System.Text;

namespace Satama.Master.Auth;

/// <summary>Tokens are stored as their SHA-256: a leaked database does not leak working tokens.</summary>
internal static class TokenHash
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>32 random bytes, base64url without padding.</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
