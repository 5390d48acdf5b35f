using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Satama.Core.Security;

/// <summary>
/// Trust by pinning: a client knows the SHA-256 fingerprint of the master's CA (from the
/// join command or the CLI context) and accepts a server certificate only when it chains
/// to a CA certificate with that fingerprint. Host names are not checked: the pinned CA
/// is the identity, as in Docker Swarm's join tokens.
/// </summary>
public static class CaPin
{
    /// <summary>Hex SHA-256 of the certificate's DER bytes, lower case, no separators.</summary>
    public static string Fingerprint(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>Normalizes user input: accepts upper case, ':' separators and a "sha256:" prefix.</summary>
    public static string Normalize(string fingerprint)
    {
        var s = fingerprint.Trim().ToLowerInvariant();
        if (s.StartsWith("sha256:", StringComparison.Ordinal))
        {
            s = s["sha256:".Length..];
        }
        return s.Replace(":", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// True when <paramref name="leaf"/> chains to one of <paramref name="presented"/> whose
    /// fingerprint is <paramref name="expectedFingerprint"/>, valid at <paramref name="now"/>.
    /// </summary>
    public static bool Validate(X509Certificate2 leaf, IEnumerable<X509Certificate2> presented, string expectedFingerprint, DateTime now)
    {
        var expected = Normalize(expectedFingerprint);
        var ca = presented.FirstOrDefault(c => Fingerprint(c) == expected);
        if (ca is null)
        {
            return false;
        }
        if (Fingerprint(leaf) == expected)
        {
            return true;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(leaf);
    }
}
