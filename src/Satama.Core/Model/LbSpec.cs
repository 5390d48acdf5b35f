namespace Satama.Core.Model;

/// <summary>
/// How the grid's ingress load balancer publishes a service: requests for one of <see cref="Hosts"/> (any host when
/// empty) under <see cref="Path"/> go to the service's healthy instances on container port <see cref="Port"/>.
/// </summary>
public sealed record LbSpec
{
    public const int DefaultPort = 80;

    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>A path prefix, starting with '/'.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Remove <see cref="Path"/> from the request path before it goes to the instance (Kontena's default).</summary>
    public bool StripPath { get; init; }

    public int Port { get; init; } = DefaultPort;

    /// <summary>A client keeps going to the same instance (a cookie) while that instance serves.</summary>
    public bool Sticky { get; init; }

    /// <summary>The vault secret with the PEM certificate chain and private key served for <see cref="Hosts"/>.</summary>
    public string? TlsSecret { get; init; }

    /// <summary>Plain-HTTP requests get a redirect to https.</summary>
    public bool RedirectHttps { get; init; }

    public bool Equals(LbSpec? other) =>
        other is not null && Hosts.SequenceEqual(other.Hosts, StringComparer.Ordinal) && Path == other.Path && StripPath == other.StripPath
        && Port == other.Port && Sticky == other.Sticky && TlsSecret == other.TlsSecret && RedirectHttps == other.RedirectHttps;

    public override int GetHashCode() => HashCode.Combine(string.Join(',', Hosts), Path, StripPath, Port, Sticky, TlsSecret, RedirectHttps);
}
