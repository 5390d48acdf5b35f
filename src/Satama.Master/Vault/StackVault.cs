using Satama.Master.Store;

namespace Satama.Master.Vault;

/// <summary>
/// A grid's vault as a stack render sees it: the names (service secrets are checked against them), a reader for
/// Kontena <c>from: vault</c> variables (the parser is synchronous, so the rows are read first and opened on demand),
/// and the write of <c>to: vault</c> variables, which creates the secrets the vault does not have yet.
/// </summary>
internal sealed class StackVault
{
    private readonly Dictionary<string, StoredResource> _rows;
    private readonly SecretCipher _cipher;
    private readonly string _grid;

    private StackVault(Dictionary<string, StoredResource> rows, SecretCipher cipher, string grid)
    {
        _rows = rows;
        _cipher = cipher;
        _grid = grid;
    }

    public IReadOnlyCollection<string> Names => _rows.Keys;

    public static async Task<StackVault> LoadAsync(IStore store, SecretCipher cipher, string grid, CancellationToken ct) =>
        new((await store.ListAsync(ResourceKinds.Secret, grid, ct)).ToDictionary(r => r.Name, StringComparer.Ordinal), cipher, grid);

    /// <summary>The value, or null when there is no such secret or it cannot be opened (the chain then goes on).</summary>
    public string? Read(string name)
    {
        if (!_rows.TryGetValue(name, out var row))
        {
            return null;
        }
        var document = StoreJson.Read<SecretDocument>(row.Spec);
        try
        {
            return _cipher.Open(_grid, name, document.Version, document.Value);
        }
        catch (VaultException)
        {
            return null;
        }
    }

    /// <summary>Problems with the secrets a stack would write (names, sizes), never quoting a value.</summary>
    public static IEnumerable<string> Check(IReadOnlyDictionary<string, string> writes) =>
        writes.SelectMany(w => new[] { SecretNames.Check(w.Key), SecretNames.CheckValue(w.Value) is { } e ? $"vault secret '{w.Key}': {e}" : null })
            .OfType<string>();

    /// <summary>Creates each secret of <paramref name="writes"/> the vault lacks (an existing one keeps its value); returns their names.</summary>
    public static async Task<IReadOnlyList<string>> WriteMissingAsync(IStore store, SecretCipher cipher, TimeProvider clock, string grid,
        IReadOnlyDictionary<string, string> writes, CancellationToken ct)
    {
        var written = new List<string>();
        foreach (var (name, value) in writes.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (await store.GetAsync(ResourceKinds.Secret, grid, name, ct) is not null)
            {
                continue;
            }
            var now = clock.GetUtcNow();
            var document = new SecretDocument(1, cipher.Seal(grid, name, 1, value), now, now);
            if (await store.CreateAsync(ResourceKinds.Secret, grid, name, StoreJson.Write(document), "{}", ct) is not null)
            {
                written.Add(name);
            }
        }
        return written;
    }
}
