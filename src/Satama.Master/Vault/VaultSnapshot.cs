using Google.Protobuf;
using Satama.Core.Model;
using Satama.Master.Store;
using Satama.Protocol;

namespace Satama.Master.Vault;

/// <summary>
/// A grid's vault as of one desired-set build: each secret is read and opened at most once, and only when a service
/// on the node uses it. A secret that is gone or cannot be opened is delivered as missing, with a reason that never
/// carries a value, so the agent reports it on the container instead of starting it without its secret.
/// </summary>
internal sealed class VaultSnapshot(IStore store, SecretCipher cipher, string grid)
{
    private readonly Dictionary<string, (byte[]? Value, string Missing)> _opened = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SecretDelivery>> DeliverAsync(IReadOnlyList<ServiceSecret> secrets, CancellationToken ct)
    {
        var deliveries = new List<SecretDelivery>(secrets.Count);
        foreach (var secret in secrets)
        {
            var (value, missing) = await OpenAsync(secret.Secret, ct);
            deliveries.Add(new SecretDelivery
            {
                Secret = secret.Secret,
                Type = secret.Type == SecretDeliveryType.Env ? "env" : "file",
                Target = secret.Target,
                Value = value is null ? ByteString.Empty : ByteString.CopyFrom(value),
                Mode = (uint)secret.Mode,
                Uid = secret.Uid ?? -1,
                Gid = secret.Gid ?? -1,
                Missing = missing,
            });
        }
        return deliveries;
    }

    private async Task<(byte[]? Value, string Missing)> OpenAsync(string name, CancellationToken ct)
    {
        if (_opened.TryGetValue(name, out var known))
        {
            return known;
        }
        var row = await store.GetAsync(ResourceKinds.Secret, grid, name, ct);
        (byte[]?, string) result;
        if (row is null)
        {
            result = (null, $"vault secret '{name}' does not exist in grid '{grid}'");
        }
        else
        {
            var document = StoreJson.Read<SecretDocument>(row.Spec);
            try
            {
                result = (System.Text.Encoding.UTF8.GetBytes(cipher.Open(grid, name, document.Version, document.Value)), "");
            }
            catch (VaultException e)
            {
                result = (null, e.Message);
            }
        }
        _opened[name] = result;
        return result;
    }
}
