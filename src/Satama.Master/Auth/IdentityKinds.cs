namespace Satama.Master.Auth;

/// <summary>The identity rows of the resource store (all under the empty grid key but node credentials).</summary>
internal static class IdentityKinds
{
    /// <summary>Named by the user name; spec <see cref="UserDocument"/>.</summary>
    public const string User = "user";

    /// <summary>Named by the token's SHA-256 (never the token); spec <see cref="TokenDocument"/>.</summary>
    public const string Token = "token";

    /// <summary>Under the node's grid, named by the node; spec <see cref="NodeCredentialDocument"/>.</summary>
    public const string NodeCredential = "node-credential";
}
