using System.Globalization;

namespace Satama.Core.Model;

/// <summary>A container port published on a host port of the node.</summary>
public sealed record PortMapping(int HostPort, int ContainerPort, string Protocol = "tcp")
{
    public override string ToString() => $"{HostPort}:{ContainerPort}/{Protocol}";

    /// <summary>Parses HOST:CONTAINER[/tcp|udp]. Returns null and an error when it is not one.</summary>
    public static PortMapping? Parse(string text, out string? error)
    {
        error = null;
        var protocol = "tcp";
        var body = text.Trim();
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            protocol = body[(slash + 1)..].ToLowerInvariant();
            body = body[..slash];
            if (protocol is not ("tcp" or "udp"))
            {
                error = $"port '{text}': protocol must be tcp or udp";
                return null;
            }
        }
        var parts = body.Split(':');
        if (parts.Length != 2 || !TryPort(parts[0], out var host) || !TryPort(parts[1], out var container))
        {
            error = $"port '{text}' is not HOST:CONTAINER with ports from 1 to 65535 (e.g. 8080:80)";
            return null;
        }
        return new PortMapping(host, container, protocol);
    }

    private static bool TryPort(string s, out int port) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
