using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Satama.Core.Security;

namespace Satama.Agent.MasterLink;

/// <summary>
/// Decides whether the master's TLS certificate is trusted: it must chain to the CA whose
/// fingerprint is pinned. Host names are not checked, the pinned CA is the identity. With
/// no pin given, the first CA seen is recorded in the data dir and required from then on
/// (trust on first use, as ssh does).
/// </summary>
internal sealed partial class CaTrust
{
    private readonly string _pinPath;
    private readonly ILogger<CaTrust> _logger;
    private readonly Lock _gate = new();
    private string? _fingerprint;

    public CaTrust(string? fingerprint, string dataDir, ILogger<CaTrust> logger)
    {
        _pinPath = Path.Combine(dataDir, "ca-fingerprint");
        _logger = logger;
        _fingerprint = fingerprint is { Length: > 0 } ? CaPin.Normalize(fingerprint)
            : File.Exists(_pinPath) ? CaPin.Normalize(File.ReadAllText(_pinPath)) : null;
    }

    /// <summary>The pinned fingerprint, or null until first use.</summary>
    public string? Fingerprint
    {
        get
        {
            lock (_gate)
            {
                return _fingerprint;
            }
        }
    }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }
        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        var presented = Presented(leaf, chain);
        var root = chain is { ChainElements.Count: > 0 } ? chain.ChainElements[^1].Certificate : leaf;
        lock (_gate)
        {
            if (_fingerprint is null)
            {
                // The root of what the master presented is its CA; a master that sends only its
                // own certificate gets that one pinned, which CaPin.Validate accepts as well.
                _fingerprint = CaPin.Fingerprint(root);
                File.WriteAllText(_pinPath, _fingerprint + "\n");
                LogTrustOnFirstUse(_fingerprint, _pinPath);
            }
            if (CaPin.Validate(leaf, presented, _fingerprint, DateTime.UtcNow))
            {
                return true;
            }
        }
        LogUntrusted(CaPin.Fingerprint(root));
        return false;
    }

    /// <summary>The leaf, then what the chain engine built from the certificates the master sent.</summary>
    private static List<X509Certificate2> Presented(X509Certificate2 leaf, X509Chain? chain)
    {
        var result = new List<X509Certificate2> { leaf };
        if (chain is not null)
        {
            result.AddRange(chain.ChainElements.Select(e => e.Certificate).Where(c => c.Thumbprint != leaf.Thumbprint));
            result.AddRange(chain.ChainPolicy.ExtraStore.Where(c => result.TrueForAll(r => r.Thumbprint != c.Thumbprint)));
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No CA fingerprint given: trusting the master's CA {Fingerprint} on first use (saved in {Path}); pass --ca-fingerprint to pin it explicitly")]
    private partial void LogTrustOnFirstUse(string fingerprint, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The master presented a certificate that does not chain to the pinned CA (its CA is {Fingerprint}); refusing the connection")]
    private partial void LogUntrusted(string fingerprint);
}
