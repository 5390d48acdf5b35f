using Satama.Core.Security;

namespace Satama.Master.Auth;

/// <summary>
/// Who sent the request (an HttpContext feature set by <see cref="AccessMiddleware"/>): the user, its
/// roles, and its token (id, role cap, expiry).
/// </summary>
internal sealed record Caller(string User, IReadOnlyList<RoleBinding> Roles, string TokenId, string? TokenRole, DateTimeOffset? TokenExpires = null)
{
    public bool Allows(Access access, string? grid) => AccessPolicy.Allows([.. Roles], TokenRole, access, grid);
}
