using Satama.Core.Security;

namespace Satama.Master.Auth;

/// <summary>A user: a name (the row's) and the roles it holds.</summary>
internal sealed record UserDocument(IReadOnlyList<RoleBinding> Roles)
{
    public bool IsMasterAdmin => Roles.Any(r => r.Role == Core.Security.Roles.MasterAdmin);
}
