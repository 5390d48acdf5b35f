using Satama.Core.Model;
using Satama.Master.Store;

namespace Satama.Master.Vault;

/// <summary>
/// The link between the vault and the services that use it: which services use a secret (a secret in use cannot be
/// removed), which referenced secrets are missing (a service cannot be created with one), and the revision bump that
/// redeploys the users of a changed secret (the spec hash never sees values, so the revision is what changes).
/// </summary>
internal static class SecretUsers
{
    /// <summary>The services (stack/service, sorted) of <paramref name="grid"/> that use <paramref name="secret"/>.</summary>
    public static async Task<IReadOnlyList<string>> OfAsync(IStore store, string grid, string secret, CancellationToken ct) =>
        (await store.ListAsync(ResourceKinds.Service, grid, ct))
            .Select(r => StoreJson.Read<ServiceSpec>(r.Spec))
            .Where(s => s.Secrets.Any(x => x.Secret == secret))
            .Select(s => s.QualifiedName)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The names in the grid's vault, sorted.</summary>
    public static async Task<IReadOnlyList<string>> NamesAsync(IStore store, string grid, CancellationToken ct) =>
        (await store.ListAsync(ResourceKinds.Secret, grid, ct)).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>One error per secret the services use that the vault lacks, naming what exists; empty when all exist.</summary>
    public static async Task<IReadOnlyList<string>> MissingAsync(IStore store, string grid, IEnumerable<ServiceSpec> services, CancellationToken ct)
    {
        var wanted = services.SelectMany(s => s.Secrets.Select(x => (Service: s.QualifiedName, x.Secret))).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var names = await NamesAsync(store, grid, ct);
        var list = names.Count == 0 ? "the vault is empty (satama secret write NAME)" : $"secrets: {string.Join(", ", names)}";
        return wanted
            .Where(w => !names.Contains(w.Secret, StringComparer.Ordinal))
            .Select(w => $"service '{w.Service}' uses vault secret '{w.Secret}', which does not exist in grid '{grid}'; {list}")
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Bumps the revision of every service that uses <paramref name="secret"/>, so their containers are recreated (by the
    /// rollout) with the new value; returns them (stack/service).
    /// </summary>
    public static async Task<IReadOnlyList<string>> RedeployAsync(IStore store, string grid, string secret, CancellationToken ct)
    {
        var bumped = new List<string>();
        foreach (var row in await store.ListAsync(ResourceKinds.Service, grid, ct))
        {
            if (!StoreJson.Read<ServiceSpec>(row.Spec).Secrets.Any(x => x.Secret == secret))
            {
                continue;
            }
            ServiceSpec? changed = null;
            var updated = await store.UpdateWithRetryAsync(ResourceKinds.Service, grid, row.Name, current =>
            {
                var spec = StoreJson.Read<ServiceSpec>(current.Spec);
                // Re-checked on the row as it is now: an upgrade may have dropped the secret meanwhile.
                changed = spec.Secrets.Any(x => x.Secret == secret) ? spec with { Revision = spec.Revision + 1 } : null;
                return (changed is null ? null : StoreJson.Write(changed), null);
            }, ct);
            if (updated is not null && changed is not null)
            {
                bumped.Add(changed.QualifiedName);
            }
        }
        bumped.Sort(StringComparer.Ordinal);
        return bumped;
    }
}
