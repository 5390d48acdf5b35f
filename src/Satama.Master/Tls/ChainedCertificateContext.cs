using System.Collections.ObjectModel;
using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;

namespace Satama.Master.Tls;

/// <summary>
/// A TLS certificate context that sends the CA after the server certificate. Clients pin
/// the CA by fingerprint (Satama.Core.Security.CaPin), so they must receive it. The public
/// <see cref="SslStreamCertificateContext.Create(X509Certificate2, X509Certificate2Collection?, bool, SslCertificateTrust?)"/>
/// drops a self-signed root from the chain on Linux and macOS, hence the private constructor
/// that takes the intermediates as given. Should a runtime lack it, the CA itself (which has
/// its key) becomes the server certificate: pinning still works, only the SANs are lost.
/// </summary>
internal static class ChainedCertificateContext
{
    public static SslStreamCertificateContext Create(X509Certificate2 server, X509Certificate2 ca, X509Certificate2 caWithKey)
    {
        var constructor = typeof(SslStreamCertificateContext).GetConstructor(
            BindingFlags.NonPublic | BindingFlags.Instance, [typeof(X509Certificate2), typeof(ReadOnlyCollection<X509Certificate2>), typeof(SslCertificateTrust)]);
        if (constructor is not null)
        {
            try
            {
                var context = (SslStreamCertificateContext)constructor.Invoke([server, new ReadOnlyCollection<X509Certificate2>([ca]), null]);
                if (context.IntermediateCertificates.Count == 1)
                {
                    return context;
                }
            }
            catch (TargetInvocationException)
            {
                // Fall through to the CA-as-server-certificate mode below.
            }
        }
        var chained = SslStreamCertificateContext.Create(server, [ca], offline: true);
        return chained.IntermediateCertificates.Any(c => c.Thumbprint == ca.Thumbprint)
            ? chained
            : SslStreamCertificateContext.Create(caWithKey, null, offline: true);
    }
}
