using System.Security.Cryptography.X509Certificates;
using Satama.Core.Security;

namespace Satama.Client;

/// <summary>An HTTP handler that trusts exactly the master whose CA has the pinned fingerprint.</summary>
public static class PinnedHttpHandler
{
    /// <param name="caFingerprint">The CA's SHA-256 fingerprint; null trusts the system store only.</param>
    public static SocketsHttpHandler Create(string? caFingerprint)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        if (!string.IsNullOrEmpty(caFingerprint))
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, chain, _) =>
                cert is X509Certificate2 leaf && chain is not null &&
                CaPin.Validate(leaf, chain.ChainElements.Select(e => e.Certificate), caFingerprint, DateTime.Now);
        }
        return handler;
    }
}
