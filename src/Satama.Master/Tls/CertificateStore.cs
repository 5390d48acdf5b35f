using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Satama.Master.Tls;

/// <summary>
/// Loads the CA and server certificate from the data dir, creating them on first start.
/// The server certificate is issued again when it is missing, close to expiry or from
/// another CA; the CA itself is never replaced (clients pin its fingerprint).
/// </summary>
internal static class CertificateStore
{
    public const string CaCertFile = "ca.crt";
    public const string CaKeyFile = "ca.key";
    public const string ServerFile = "server.pfx";

    private static readonly TimeSpan s_renewBefore = TimeSpan.FromDays(30);

    public static MasterCertificates LoadOrCreate(string dataDir, IEnumerable<string> listenHosts, DateTimeOffset now)
    {
        var caCertPath = Path.Combine(dataDir, CaCertFile);
        var caKeyPath = Path.Combine(dataDir, CaKeyFile);
        var serverPath = Path.Combine(dataDir, ServerFile);
        if (!File.Exists(caCertPath) || !File.Exists(caKeyPath))
        {
            using var created = CertificateFactory.CreateCa(now);
            File.WriteAllText(caCertPath, created.ExportCertificatePem());
            PrivateFile.WriteAllText(caKeyPath, created.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            File.Delete(serverPath);
        }
        // Through PKCS#12 so the key works for TLS too (see ChainedCertificateContext).
        using var pem = X509Certificate2.CreateFromPemFile(caCertPath, caKeyPath);
        var caWithKey = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);

        var server = File.Exists(serverPath) ? X509CertificateLoader.LoadPkcs12FromFile(serverPath, null) : null;
        if (server is null || server.NotAfter.ToUniversalTime() - s_renewBefore < now.UtcDateTime || server.Issuer != ca.Subject)
        {
            server?.Dispose();
            server = CertificateFactory.CreateServer(caWithKey, Names(listenHosts), now);
            PrivateFile.WriteAllBytes(serverPath, server.Export(X509ContentType.Pkcs12));
        }
        return new MasterCertificates(ca, caWithKey, server);
    }

    // Clients check the pinned CA, not host names; the SANs still help tools like curl --cacert.
    private static IEnumerable<string> Names(IEnumerable<string> listenHosts)
    {
        yield return "localhost";
        yield return IPAddress.Loopback.ToString();
        yield return IPAddress.IPv6Loopback.ToString();
        yield return Dns.GetHostName();
        foreach (var host in listenHosts)
        {
            var trimmed = host.Trim('[', ']');
            if (trimmed is not ("" or "*" or "+" or "0.0.0.0" or "::"))
            {
                yield return trimmed;
            }
        }
    }
}
