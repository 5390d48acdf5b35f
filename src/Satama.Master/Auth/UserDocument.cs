using System.Security.Cryptography;
using Satama.Core.Security;

namespace Satama.Master.Auth;

/// <summary>
/// A user: a name (the row's), the roles it holds, and an id drawn when it was created. Tokens
/// carry the id, so a token left from a removed user never works for a later user of the same
/// name. Users from before ids have none (null), and so have their tokens.
/// </summary>
internal sealed record UserDocument(IReadOnlyList<RoleBinding> Roles, string? Id = null)
{
    public bool IsMasterAdmin => Roles.Any(r => r.Role == Core.Security.Roles.MasterAdmin);

    /// <summary>A user created now: its roles and a fresh id.</summary>
    public static UserDocument New(IReadOnlyList<RoleBinding> roles) => new(roles, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Whether <paramref name="token"/> was issued to this user (not to an earlier one of the same name).</summary>
    public bool Owns(TokenDocument token) => token.UserId == Id;
}
