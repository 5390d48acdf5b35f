namespace Satama.Core.Lb;

/// <summary>One route of the ingress load balancer: a service's <c>lb:</c> with the instances that serve it now.</summary>
public sealed record LbRoute
{
    /// <summary>stack/service.</summary>
    public required string Id { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public string Path { get; init; } = "/";
    public bool StripPath { get; init; }
    public bool Sticky { get; init; }
    public string? TlsSecret { get; init; }
    public bool RedirectHttps { get; init; }

    /// <summary>Sorted by container name.</summary>
    public IReadOnlyList<LbBackend> Backends { get; init; } = [];
}

/// <summary>An instance behind a route: its container name and ip:port.</summary>
public sealed record LbBackend(string Container, string Address, string Node = "");
