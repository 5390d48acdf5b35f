namespace Satama.Client.Dtos;

/// <summary>A role a user holds: on a grid, or (grid null) master_admin on the whole master.</summary>
public sealed record RoleBindingDto(string User, string Role, string? Grid);

/// <summary>A user and its roles; never a token.</summary>
public sealed record UserDto(string Name, IReadOnlyList<RoleBindingDto> Roles, int Tokens, DateTimeOffset Created);

public sealed record UserCreateRequest(string Name);

/// <summary>A new user and its first token, whose value is shown only here.</summary>
public sealed record UserCreatedDto(UserDto User, TokenCreatedDto Token);

/// <summary>A token as listings show it: its id (the first characters of its hash), never its value.</summary>
public sealed record TokenDto(string Id, string User, string Name, string? Role, DateTimeOffset Created, DateTimeOffset? Expires, bool Current);

/// <summary>Name, role cap (a role name; null: all of the user's roles) and expiry (90d, 12h, or a time; null: never).</summary>
public sealed record TokenCreateRequest(string? Name = null, string? Role = null, string? Expires = null);

/// <summary>
/// A token just issued: <see cref="Value"/> is shown once and stored nowhere. <see cref="ExpiryCapped"/>:
/// the expiry asked for (or none) was later than the expiry of the token that made this one, so this
/// one expires with it instead.
/// </summary>
public sealed record TokenCreatedDto(TokenDto Token, string Value, bool ExpiryCapped = false);

/// <summary>GET /v1/me: who the token stands for.</summary>
public sealed record WhoAmIDto(string User, IReadOnlyList<RoleBindingDto> Roles, string TokenId, string? TokenRole);
