using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Satama.Core.Security;

namespace Satama.Core.Tests.Security;

public sealed class CaPinTests
{
    private static readonly DateTime s_now = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

    private static X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(s_now.AddDays(-1), s_now.AddYears(1));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=server", key, HashAlgorithmName.SHA256);
        using var caKey = ca.GetECDsaPrivateKey()!;
        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), s_now.AddDays(-1), s_now.AddMonths(6), [1, 2, 3, 4]);
    }

    [Fact]
    public void A_leaf_signed_by_the_pinned_ca_is_accepted()
    {
        using var ca = Ca("ca");
        using var leaf = Leaf(ca);

        Assert.True(CaPin.Validate(leaf, [leaf, ca], CaPin.Fingerprint(ca), s_now));
    }

    [Fact]
    public void A_leaf_of_another_ca_is_refused_even_if_it_presents_the_pinned_ca()
    {
        using var ca = Ca("ca");
        using var other = Ca("other");
        using var leaf = Leaf(other);

        Assert.False(CaPin.Validate(leaf, [leaf, ca], CaPin.Fingerprint(ca), s_now));
        Assert.False(CaPin.Validate(leaf, [leaf, other], CaPin.Fingerprint(ca), s_now));
    }

    [Fact]
    public void An_expired_leaf_is_refused()
    {
        using var ca = Ca("ca");
        using var leaf = Leaf(ca);

        Assert.False(CaPin.Validate(leaf, [leaf, ca], CaPin.Fingerprint(ca), s_now.AddYears(1)));
    }

    [Fact]
    public void Fingerprints_are_normalized_from_common_spellings()
    {
        Assert.Equal("abcd", CaPin.Normalize(" SHA256:AB:CD "));
    }
}
