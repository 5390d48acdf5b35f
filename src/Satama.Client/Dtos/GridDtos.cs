namespace Satama.Client.Dtos;

/// <summary>A new grid. GracePeriodSeconds: how long a node may be offline before its instances move elsewhere (default 60).</summary>
public sealed record GridCreateRequest(string Name, string? Subnet = null, double? GracePeriodSeconds = null);

public sealed record GridDto(string Name, string Subnet, int Nodes, int Services, DateTimeOffset Created);

/// <summary>
/// A grid with what an operator needs to join nodes to it, and its host allowances (host-level options and node paths
/// its grid_users may ask for; see GridUpdateRequest).
/// </summary>
public sealed record GridDetailsDto(
    string Name,
    string Subnet,
    DateTimeOffset Created,
    string Token,
    string JoinCommand,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<string> Services,
    double GracePeriodSeconds = 60,
    IReadOnlyList<string>? AllowedOptions = null,
    IReadOnlyList<string>? AllowedBinds = null);

/// <summary>
/// Changes a grid's host allowances: the host-level options (privileged, pid:host, cap_add:NAME, device:PATH,
/// sysctl:NAME, volume_opts, log_driver:NAME) and node paths (with what is below them) its grid_users may ask for.
/// Allow adds, Disallow takes back; every entry is checked and nothing changes when one is wrong.
/// </summary>
public sealed record GridUpdateRequest(
    IReadOnlyList<string>? Allow = null,
    IReadOnlyList<string>? Disallow = null,
    IReadOnlyList<string>? AllowBind = null,
    IReadOnlyList<string>? DisallowBind = null);
