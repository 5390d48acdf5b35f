using Satama.Master.Store;
using Satama.Master.Tls;

namespace Satama.Master.Auth;

/// <summary>
/// The admin token: created on first start, its plaintext only in DATA/admin-token (0600),
/// its hash in the store as the token of the first user, "admin" (master_admin). Once users
/// exist the file is not registered again: removing the admin user (or revoking the token)
/// sticks across restarts.
/// </summary>
internal static class AdminTokenFile
{
    public const string FileName = "admin-token";

    public static async Task<string> LoadOrCreateAsync(string dataDir, IStore store, CancellationToken ct)
    {
        var path = Path.Combine(dataDir, FileName);
        var token = File.Exists(path) ? (await File.ReadAllTextAsync(path, ct)).Trim() : "";
        if (token.Length == 0)
        {
            token = TokenHash.NewToken();
            PrivateFile.WriteAllText(path, token + "\n");
        }
        await new Identity(store, TimeProvider.System).EnsureFirstAdminAsync(TokenHash.Of(token), ct);
        return token;
    }
}
