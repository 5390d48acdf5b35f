using Satama.Master.Store;
using Satama.Master.Tls;

namespace Satama.Master.Auth;

/// <summary>
/// The admin token: created on first start, its plaintext only in DATA/admin-token (0600),
/// its hash in the store. A token file from an earlier start is re-registered, so the
/// file is the source of truth an operator can read.
/// </summary>
internal static class AdminTokenFile
{
    public const string FileName = "admin-token";
    public const string Role = "master_admin";

    public static async Task<string> LoadOrCreateAsync(string dataDir, IStore store, CancellationToken ct)
    {
        var path = Path.Combine(dataDir, FileName);
        var token = File.Exists(path) ? (await File.ReadAllTextAsync(path, ct)).Trim() : "";
        if (token.Length == 0)
        {
            token = TokenHash.NewToken();
            PrivateFile.WriteAllText(path, token + "\n");
        }
        await store.AddTokenAsync(TokenHash.Of(token), Role, ct);
        return token;
    }
}
