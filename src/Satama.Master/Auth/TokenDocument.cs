namespace Satama.Master.Auth;

/// <summary>
/// An API token, stored under its SHA-256: whose it is (the user's name and id, see
/// <see cref="UserDocument.Owns"/>), its label, the role it is capped at (null: all of its user's
/// roles) and when it stops working (null: never).
/// </summary>
internal sealed record TokenDocument(string User, string Name, string? Role, DateTimeOffset? Expires, string? UserId = null)
{
    /// <summary>How many hex characters of the hash name a token in listings and 'token revoke'.</summary>
    public const int IdLength = 12;

    public static string IdOf(string hash) => hash[..IdLength];

    public bool Expired(DateTimeOffset now) => Expires is { } at && at <= now;
}
