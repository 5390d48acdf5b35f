using Docker.DotNet.Models;
using Satama.Core.Overlay;
using Satama.Core.Reconciling;

namespace Satama.Agent.Overlay;

/// <summary>
/// How the grid's containers join the overlay: the node's bridge network, its gateway as their
/// DNS server and the stack and grid search domains. The network is part of each container's
/// identity (a suffix on its spec hash), so containers created before the overlay existed, or on
/// another subnet, are replaced by the reconciler like any changed container.
/// </summary>
internal sealed record OverlayAttachment(string Grid, string Network, string Subnet, string Gateway)
{
    public string Suffix => $"+net:{Network}@{Subnet}";

    public DesiredNodeView Shape(DesiredNodeView view) => view.Grid != Grid
        ? view
        : view with { Containers = [.. view.Containers.Select(c => c with { SpecHash = Base(c.SpecHash) + Suffix })] };

    /// <summary>Attaches the container to the overlay when its spec was shaped for this attachment.</summary>
    public bool Apply(DesiredContainerView spec, CreateContainerParameters parameters)
    {
        if (spec.Grid != Grid || !spec.SpecHash.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }
        var host = parameters.HostConfig ??= new HostConfig();
        host.NetworkMode = Network;
        // The grid's server and domains first, so grid names resolve; a service's own `dns`/`dns_search` follow.
        host.DNS = [Gateway, .. (host.DNS ?? []).Where(d => d != Gateway)];
        host.DNSSearch = [.. DnsNames.SearchDomains(Grid, spec.Stack), .. host.DNSSearch ?? []];
        parameters.NetworkingConfig = new NetworkingConfig
        {
            EndpointsConfig = new Dictionary<string, EndpointSettings> { [Network] = new EndpointSettings() },
        };
        return true;
    }

    private static string Base(string hash)
    {
        var at = hash.IndexOf("+net:", StringComparison.Ordinal);
        return at < 0 ? hash : hash[..at];
    }
}
