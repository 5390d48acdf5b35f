using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Satama.Protocol;

namespace Satama.Agent.Lb;

/// <summary>
/// The TLS certificates of the routes, by host name (SNI): exact names first, then <c>*.domain</c>, then the first
/// certificate for clients that send no name. Swapped whole on every desired set; open connections keep theirs.
/// </summary>
internal sealed class LbCertificates
{
    private volatile Snapshot _current = new(new Dictionary<string, SslStreamCertificateContext>(StringComparer.OrdinalIgnoreCase), null, []);

    public IReadOnlyList<string> Errors => _current.Errors;

    public bool HasAny => _current.Default is not null;

    /// <summary>Loads the certificates the routes name; a secret that is missing or not PEM is an error (never its content).</summary>
    public void Update(IEnumerable<LbCertificate> certificates, IEnumerable<Protocol.LbRoute> routes)
    {
        var contexts = new Dictionary<string, SslStreamCertificateContext>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var certificate in certificates)
        {
            if (certificate.Error.Length > 0)
            {
                errors.Add($"tls secret {certificate.Secret}: {certificate.Error}");
                continue;
            }
            try
            {
                contexts[certificate.Secret] = Load(certificate.Pem);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException or InvalidOperationException)
            {
                errors.Add($"tls secret {certificate.Secret}: not a PEM certificate chain with its private key");
            }
        }
        var byHost = new Dictionary<string, SslStreamCertificateContext>(StringComparer.OrdinalIgnoreCase);
        SslStreamCertificateContext? first = null;
        foreach (var route in routes.Where(r => r.TlsSecret.Length > 0))
        {
            if (!contexts.TryGetValue(route.TlsSecret, out var context))
            {
                continue;
            }
            first ??= context;
            foreach (var host in route.Hosts)
            {
                byHost.TryAdd(host, context);
            }
        }
        _current = new Snapshot(byHost, first, errors);
    }

    /// <summary>The certificate for a TLS client hello's server name.</summary>
    public SslStreamCertificateContext? Select(string? serverName)
    {
        var snapshot = _current;
        if (!string.IsNullOrEmpty(serverName))
        {
            if (snapshot.ByHost.TryGetValue(serverName, out var exact))
            {
                return exact;
            }
            var dot = serverName.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && snapshot.ByHost.TryGetValue("*" + serverName[dot..], out var wildcard))
            {
                return wildcard;
            }
        }
        return snapshot.Default;
    }

    public SslServerAuthenticationOptions Options(string? serverName) => new()
    {
        ServerCertificateContext = Select(serverName) ?? throw new AuthenticationException($"no certificate for '{serverName}'"),
        ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
    };

    private static SslStreamCertificateContext Load(string pem)
    {
        using var leaf = X509Certificate2.CreateFromPem(pem, pem);
        // An ephemeral key works on Linux; re-export so that the key is usable by SslStream everywhere.
        var usable = X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);
        var all = new X509Certificate2Collection();
        all.ImportFromPem(pem);
        var intermediates = new X509Certificate2Collection();
        foreach (var cert in all.Skip(1))
        {
            intermediates.Add(cert);
        }
        return SslStreamCertificateContext.Create(usable, intermediates, offline: true);
    }

    private sealed record Snapshot(Dictionary<string, SslStreamCertificateContext> ByHost, SslStreamCertificateContext? Default, IReadOnlyList<string> Errors);
}
