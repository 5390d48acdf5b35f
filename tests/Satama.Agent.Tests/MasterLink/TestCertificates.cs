using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Satama.Core.Security;

namespace Satama.Agent.Tests.MasterLink;

/// <summary>A throwaway CA and a server certificate it signed, like the master creates on first start.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Satama Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=localhost", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leafPublic = leafRequest.Create(caWithKey, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(8));
        using var leafWithKey = leafPublic.CopyWithPrivateKey(leafKey);

        // Round-trip through PKCS#12 so the key is a plain persisted one that TLS can use.
        Server = X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pkcs12), null);
        Ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public string CaFingerprint => CaPin.Fingerprint(Ca);

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
    }
}
