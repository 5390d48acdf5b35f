namespace Satama.Core.Stacks.Model;

/// <summary>
/// A service's place behind the grid's ingress load balancer (<c>lb:</c>, or Kontena's <c>KONTENA_LB_*</c>
/// environment keys). Null fields are the defaults: path <c>/</c>, port 80, not sticky, no TLS, no redirect.
/// </summary>
public sealed record StackLbSpec
{
    /// <summary>Host names the route answers (<c>*.example.com</c> allowed); empty: any host.</summary>
    public ValueList<string> Hosts { get; init; } = ValueList<string>.Empty;
    public string? Path { get; init; }
    public bool? StripPath { get; init; }

    /// <summary>The container port requests go to.</summary>
    public int? Port { get; init; }
    public bool? Sticky { get; init; }

    /// <summary>The vault secret holding the certificate chain and its private key (PEM).</summary>
    public string? TlsSecret { get; init; }
    public bool? RedirectHttps { get; init; }
}
