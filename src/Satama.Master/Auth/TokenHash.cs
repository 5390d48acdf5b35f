using System.Security.Cryptography;
using System.Text;

namespace Satama.Master.Auth;

/// <summary>Tokens are stored as their SHA-256: a leaked database does not leak working tokens.</summary>
internal static class TokenHash
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// 32 random bytes, base64url without padding, never starting with '-' or '_': a token that
    /// starts with '-' reads as an option on a command line (`--grid-token -x…` broke a join).
    /// </summary>
    public static string NewToken()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return char.IsAsciiLetterOrDigit(token[0]) ? token : "t" + token;
    }
}
