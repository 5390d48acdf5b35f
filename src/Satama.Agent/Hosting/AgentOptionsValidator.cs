using Satama.Core.Model;

namespace Satama.Agent;

/// <summary>Checks agent options and returns every problem at once.</summary>
internal static class AgentOptionsValidator
{
    public static IReadOnlyList<string> Validate(AgentOptions options)
    {
        var errors = new List<string>();
        if (Names.Check("node", options.NodeName) is { } name)
        {
            errors.Add(name);
        }
        if (!options.MasterUrl.IsAbsoluteUri || options.MasterUrl.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"master URL '{options.MasterUrl}' must be an absolute https URL");
        }
        if (string.IsNullOrWhiteSpace(options.GridToken))
        {
            errors.Add("grid token is empty");
        }
        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            errors.Add("data dir is empty");
        }
        if (!Uri.TryCreate(options.DockerHost, UriKind.Absolute, out _))
        {
            errors.Add($"docker host '{options.DockerHost}' is not a URI (e.g. unix:///var/run/docker.sock)");
        }
        errors.AddRange(Lb.LbOptionsValidator.Validate(options.Lb));
        if (options.WgInterface is { } iface && !IsInterfaceName(iface))
        {
            errors.Add($"WireGuard interface '{iface}' is not an interface name (1-15 letters, digits, '-', '_' or '.')");
        }
        if (options.OverlayPort is < 1 or > 65535)
        {
            errors.Add($"overlay port {options.OverlayPort} is not a port (1-65535)");
        }
        return errors;
    }

    private static bool IsInterfaceName(string name) =>
        name.Length is > 0 and <= 15 && name != "." && name != ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
