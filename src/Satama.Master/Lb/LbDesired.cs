using Microsoft.Extensions.Logging;
using Satama.Master.Store;
using Satama.Master.Vault;
using Satama.Protocol;

namespace Satama.Master.Lb;

/// <summary>
/// Fills the load balancer part of an ingress node's desired set: the routes and the certificates they name
/// (vault secrets, opened here; they travel only over the pinned agent link and are never logged).
/// </summary>
internal sealed partial class LbDesired(IStore store, LbRouteSource routes, SecretCipher cipher, ILogger<LbDesired> logger)
{
    public async Task AddAsync(DesiredSet set, string grid, string node, CancellationToken ct)
    {
        if (!await routes.IsIngressAsync(grid, node, ct))
        {
            return;
        }
        set.LbIngress = true;
        var table = await routes.RoutesAsync(grid, ct);
        set.LbRoutes.AddRange(table.Routes.Select(ToWire));
        foreach (var secret in table.Routes.Select(r => r.TlsSecret).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            set.LbCertificates.Add(await CertificateAsync(grid, secret, ct));
        }
    }

    /// <summary>Whether two sets say the same to the load balancer (so an unchanged set is not sent again).</summary>
    public static bool Same(DesiredSet a, DesiredSet b) =>
        a.LbIngress == b.LbIngress && a.LbRoutes.Equals(b.LbRoutes) && a.LbCertificates.Equals(b.LbCertificates);

    public static Protocol.LbRoute ToWire(Core.Lb.LbRoute route)
    {
        var wire = new Protocol.LbRoute
        {
            Id = route.Id,
            Path = route.Path,
            StripPath = route.StripPath,
            Sticky = route.Sticky,
            TlsSecret = route.TlsSecret ?? "",
            RedirectHttps = route.RedirectHttps,
        };
        wire.Hosts.AddRange(route.Hosts);
        wire.Backends.AddRange(route.Backends.Select(b => new Protocol.LbBackend { Container = b.Container, Address = b.Address }));
        return wire;
    }

    private async Task<LbCertificate> CertificateAsync(string grid, string secret, CancellationToken ct)
    {
        var row = await store.GetAsync(ResourceKinds.Secret, grid, secret, ct);
        if (row is null)
        {
            return new LbCertificate { Secret = secret, Error = $"vault secret '{secret}' does not exist" };
        }
        try
        {
            var document = StoreJson.Read<SecretDocument>(row.Spec);
            return new LbCertificate { Secret = secret, Pem = cipher.Open(grid, secret, document.Version, document.Value) };
        }
        catch (VaultException e)
        {
            LogCannotOpen(secret, grid);
            return new LbCertificate { Secret = secret, Error = e.Message };
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS secret {Secret} of grid {Grid} cannot be opened for the load balancer")]
    private partial void LogCannotOpen(string secret, string grid);
}
