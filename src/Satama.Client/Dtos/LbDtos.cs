namespace Satama.Client.Dtos;

/// <summary>The ingress load balancer's routes on each ingress node of a grid (GET /v1/grids/{grid}/lb/routes).</summary>
public sealed record LbRoutesDto(string Grid, IReadOnlyList<LbNodeRoutesDto> Nodes, IReadOnlyList<string> Problems);

/// <summary>
/// One ingress node. <see cref="Reported"/>: the routes and backends are what the node's load balancer said it serves
/// (at <see cref="ReportedAt"/>); otherwise what the master sends it.
/// </summary>
public sealed record LbNodeRoutesDto(
    string Node,
    bool Online,
    bool Reported,
    DateTimeOffset? ReportedAt,
    bool Running,
    string? Error,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<LbRouteDto> Routes);

public sealed record LbRouteDto(
    string Id,
    IReadOnlyList<string> Hosts,
    string Path,
    bool StripPath,
    bool Sticky,
    string? TlsSecret,
    bool RedirectHttps,
    IReadOnlyList<LbBackendDto> Backends,
    long Requests = 0,
    long Errors = 0);

/// <summary>An instance behind a route. <see cref="PassiveHealthy"/> false: taken out after failed requests (null: not reported).</summary>
public sealed record LbBackendDto(string Container, string Address, bool? PassiveHealthy = null);
