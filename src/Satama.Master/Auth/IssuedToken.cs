namespace Satama.Master.Auth;

/// <summary>A token just issued: its value (shown once, stored nowhere), its hash and id, its stored form, and when it was created.</summary>
internal sealed record IssuedToken(string Value, string Hash, TokenDocument Token, DateTimeOffset Created)
{
    public string Id => TokenDocument.IdOf(Hash);
}
