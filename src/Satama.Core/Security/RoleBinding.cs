namespace Satama.Core.Security;

/// <summary>A role a user holds: on one grid, or (master_admin, grid "") on the whole master.</summary>
public sealed record RoleBinding(string Role, string Grid);
