using System.Security.Cryptography.X509Certificates;
using Satama.Core.Security;

namespace Satama.Master.Tls;

/// <summary>The master's CA (the identity clients pin) and the server certificate it issued.</summary>
internal sealed class MasterCertificates(X509Certificate2 ca, X509Certificate2 caWithKey, X509Certificate2 server) : IDisposable
{
    public X509Certificate2 Ca { get; } = ca;

    /// <summary>The CA with its private key, for issuing and as a last-resort server certificate.</summary>
    public X509Certificate2 CaWithKey { get; } = caWithKey;

    /// <summary>With its private key; Kestrel presents it with <see cref="Ca"/> as the chain.</summary>
    public X509Certificate2 Server { get; } = server;

    public string CaFingerprint { get; } = CaPin.Fingerprint(ca);

    public void Dispose()
    {
        Ca.Dispose();
        CaWithKey.Dispose();
        Server.Dispose();
    }
}
