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
        return errors;
    }
}
