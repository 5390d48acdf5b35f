using System.Globalization;
using Satama.Core.Model;

namespace Satama.Core.Lb;

/// <summary>
/// Derives the ingress load balancer's routes from the services with an <c>lb:</c> and the containers the nodes
/// reported. Only instances that are running, healthy, have an address and are in the service's serving set
/// (<see cref="Deploys.RolloutDesired.Serving"/>: still wanted and not draining, so a scale-down or the end of a drain
/// takes an instance out before its node reports it stopped) serve; a service with none
/// keeps its route (the load balancer answers 503 rather than sending the requests to another route).
/// Routes are ordered as the load balancer matches them: longest path first, then host-specific before any-host.
/// When two services claim the same host and path, the first by name keeps it and the other is named in a problem.
/// </summary>
public static class LbRouting
{
    public static LbRouteTable Derive(IEnumerable<LbServiceInput> services, IEnumerable<LbInstance> instances)
    {
        var byService = instances
            .Where(Serves)
            .GroupBy(i => (i.Stack, i.Service))
            .ToDictionary(g => g.Key, g => g.ToList());
        var routes = new List<LbRoute>();
        var problems = new List<string>();
        var claimed = new Dictionary<(string Host, string Path), string>();
        foreach (var input in services.Where(s => s.Spec.Lb is not null).OrderBy(s => s.Spec.QualifiedName, StringComparer.Ordinal))
        {
            var spec = input.Spec;
            var lb = spec.Lb!;
            var id = spec.QualifiedName;
            var hosts = lb.Hosts.Count == 0 ? [""] : lb.Hosts.Select(h => h.ToLowerInvariant()).ToList();
            var taken = hosts.Where(h => claimed.ContainsKey((h, lb.Path))).ToList();
            if (taken.Count > 0)
            {
                var owner = claimed[(taken[0], lb.Path)];
                problems.Add($"{id}: {(taken[0].Length == 0 ? "any host" : taken[0])}{lb.Path} is already routed to {owner}; this route is left out");
                continue;
            }
            foreach (var host in hosts)
            {
                claimed[(host, lb.Path)] = id;
            }
            var backends = byService.TryGetValue((spec.Stack, spec.Name), out var list)
                ? list.Where(i => input.Serving.Contains(i.Container))
                    .Select(i => new LbBackend(i.Container, Address(i.IpAddress!, lb.Port), i.Node))
                    .OrderBy(b => b.Container, StringComparer.Ordinal)
                    .ToList()
                : [];
            routes.Add(new LbRoute
            {
                Id = id,
                Hosts = lb.Hosts,
                Path = lb.Path,
                StripPath = lb.StripPath,
                Sticky = lb.Sticky,
                TlsSecret = lb.TlsSecret,
                RedirectHttps = lb.RedirectHttps,
                Backends = backends,
            });
        }
        var ordered = routes
            .OrderByDescending(r => r.Path.Length)
            .ThenBy(r => r.Hosts.Count == 0 ? 1 : 0)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return new LbRouteTable(ordered, problems);
    }

    /// <summary>Whether an instance may receive traffic (drain state aside).</summary>
    public static bool Serves(LbInstance i) =>
        i.State == "running" && InstanceHealths.Parse(i.Health) == InstanceHealth.Healthy && !string.IsNullOrEmpty(i.IpAddress);

    /// <summary>Nodes labelled ingress=true run the load balancer.</summary>
    public static bool IsIngress(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue("ingress", out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static string Address(string ip, int port) =>
        ip.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{ip}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{ip}:{port}");
}

/// <summary>A service with its serving set: the containers (by name) that may take traffic.</summary>
public sealed record LbServiceInput(ServiceSpec Spec, IReadOnlySet<string> Serving);

/// <summary>The routes, and why any service's route was left out.</summary>
public sealed record LbRouteTable(IReadOnlyList<LbRoute> Routes, IReadOnlyList<string> Problems);
