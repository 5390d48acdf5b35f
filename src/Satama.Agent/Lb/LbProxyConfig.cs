using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Satama.Agent.Lb;

/// <summary>The master's routes as YARP routes and clusters: one cluster per route, one destination per instance.</summary>
internal static class LbProxyConfig
{
    public const string AffinityCookie = "satama-affinity";
    public static readonly TimeSpan Reactivation = TimeSpan.FromSeconds(10);

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) From(IEnumerable<Protocol.LbRoute> routes)
    {
        var routeConfigs = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        var order = 0;
        foreach (var route in routes)
        {
            var prefix = route.Path.TrimEnd('/');
            // The instance sees the client's Host, as behind the plain-HTTP proxy (Lb/Http1).
            var transforms = new List<IReadOnlyDictionary<string, string>> { new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" } };
            if (route.StripPath && prefix.Length > 0)
            {
                transforms.Add(new Dictionary<string, string> { ["PathRemovePrefix"] = prefix });
            }
            routeConfigs.Add(new RouteConfig
            {
                RouteId = route.Id,
                ClusterId = route.Id,
                Order = order++,
                Match = new RouteMatch
                {
                    Hosts = route.Hosts.Count == 0 ? null : [.. route.Hosts],
                    Path = prefix.Length == 0 ? "/{**rest}" : prefix + "/{**rest}",
                },
                Transforms = transforms,
            });
            clusters.Add(new ClusterConfig
            {
                ClusterId = route.Id,
                LoadBalancingPolicy = "PowerOfTwoChoices",
                SessionAffinity = route.Sticky
                    ? new SessionAffinityConfig { Enabled = true, Policy = "HashCookie", FailurePolicy = "Redistribute", AffinityKeyName = AffinityCookie }
                    : null,
                HealthCheck = new HealthCheckConfig
                {
                    Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = "TransportFailureRate", ReactivationPeriod = Reactivation },
                },
                HttpRequest = new ForwarderRequestConfig { Version = new Version(1, 1), VersionPolicy = HttpVersionPolicy.RequestVersionOrLower },
                Destinations = route.Backends
                    .GroupBy(b => b.Container, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => new DestinationConfig { Address = "http://" + g.First().Address }, StringComparer.Ordinal),
            });
        }
        return (routeConfigs, clusters);
    }
}
