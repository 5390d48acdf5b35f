namespace Satama.Client.Dtos;

/// <summary>A new grid. GracePeriodSeconds: how long a node may be offline before its instances move elsewhere (default 60).</summary>
public sealed record GridCreateRequest(string Name, string? Subnet = null, double? GracePeriodSeconds = null);

public sealed record GridDto(string Name, string Subnet, int Nodes, int Services, DateTimeOffset Created);

/// <summary>A grid with what an operator needs to join nodes to it.</summary>
public sealed record GridDetailsDto(
    string Name,
    string Subnet,
    DateTimeOffset Created,
    string Token,
    string JoinCommand,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<string> Services,
    double GracePeriodSeconds = 60);
