namespace Satama.Client.Dtos;

/// <summary>GET /v1/info: who answers, and the CA fingerprint clients pin.</summary>
public sealed record InfoDto(string Name, string Version, string CaFingerprint, IReadOnlyList<string> Grids);

/// <summary>RFC 7807 problem details, the body of every error answer.</summary>
public sealed record ProblemDto(string? Type, string? Title, int? Status, string? Detail);
