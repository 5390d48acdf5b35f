using System.Net;

namespace Satama.Master.Hosting;

/// <summary>One parsed listen URL: https only, since REST and gRPC share the port through ALPN.</summary>
internal sealed record ListenAddress(string Host, int Port)
{
    public static ListenAddress Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"listen address '{url}' is not an https URL (e.g. https://0.0.0.0:7443)", nameof(url));
        }
        var port = uri.IsDefaultPort && !url.Contains(":443", StringComparison.Ordinal) ? 7443 : uri.Port;
        return new ListenAddress(uri.Host.Trim('[', ']'), port);
    }

    public bool IsAny => Host is "0.0.0.0" or "::" or "*" or "+";

    public bool IsLocalhost => string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>The IP to bind, or null for any/localhost which Kestrel binds by name.</summary>
    public IPAddress? Ip => IPAddress.TryParse(Host, out var ip) ? ip : null;
}
