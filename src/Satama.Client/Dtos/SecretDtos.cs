namespace Satama.Client.Dtos;

/// <summary>Writes a new secret. The value travels only in this request and in <see cref="SecretValueDto"/>.</summary>
public sealed record SecretWriteRequest(string Name, string Value);

public sealed record SecretUpdateRequest(string Value);

/// <summary>
/// A secret as listings show it: never its value. <see cref="UsedBy"/>: the services (stack/service) that use it; after an
/// update, the services being redeployed with the new value.
/// </summary>
public sealed record SecretDto(string Grid, string Name, long Version, DateTimeOffset Created, DateTimeOffset Updated,
    IReadOnlyList<string>? UsedBy = null);

/// <summary>GET of one secret with its value (secret read).</summary>
public sealed record SecretValueDto(string Grid, string Name, long Version, string Value);

/// <summary>
/// A vault secret a service uses (never its value): type env (Target is the variable) or file (Target is the path in
/// the container; Mode is octal, e.g. "0400"; Uid/Gid null: root).
/// </summary>
public sealed record ServiceSecretDto(string Secret, string Type = "file", string? Target = null, string? Mode = null, int? Uid = null, int? Gid = null);
