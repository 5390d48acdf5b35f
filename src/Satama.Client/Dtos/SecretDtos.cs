namespace Satama.Client.Dtos;

/// <summary>Writes a new secret. The value travels only in this request and in <see cref="SecretValueDto"/>.</summary>
public sealed record SecretWriteRequest(string Name, string Value);

public sealed record SecretUpdateRequest(string Value);

/// <summary>A secret as listings show it: never its value.</summary>
public sealed record SecretDto(string Grid, string Name, long Version, DateTimeOffset Created, DateTimeOffset Updated);

/// <summary>GET of one secret with its value (secret read).</summary>
public sealed record SecretValueDto(string Grid, string Name, long Version, string Value);
