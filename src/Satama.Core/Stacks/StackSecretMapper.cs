using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// Maps a stack service's secrets to vault secrets (<see cref="ServiceSecret"/>). Kontena's
/// <c>{secret, name, type}</c> names a vault key directly; Compose's names a top-level secret, which the platform
/// delivers when it is <c>external: true</c> (the vault key is its <c>name</c> or its own key) as a file under
/// /run/secrets. A Compose secret read from a file or an environment variable on the client is noted as not enforced:
/// its value would have to travel in the stack, which is what the vault is for.
/// </summary>
public static class StackSecretMapper
{
    public static IReadOnlyList<ServiceSecret> ToSecrets(StackSpec stack, StackServiceSpec svc, List<string> notes)
    {
        var secrets = new List<ServiceSecret>();
        foreach (var r in svc.Secrets)
        {
            string vaultKey;
            if (r.FromVault)
            {
                vaultKey = r.Source;
            }
            else if (stack.Secrets.TryGetValue(r.Source, out var top) && top.External)
            {
                vaultKey = top.ExternalName ?? r.Source;
            }
            else
            {
                notes.Add($"secrets: `{r.Source}` is not `external: true` (only vault secrets are delivered; write it with `satama secret write` and mark it external)");
                continue;
            }
            var env = r.FromVault && r.Type == ServiceSecretRef.EnvType;
            secrets.Add(new ServiceSecret
            {
                Secret = vaultKey,
                Type = env ? SecretDeliveryType.Env : SecretDeliveryType.File,
                Target = env ? r.Target : ServiceSecret.FilePath(r.Target),
                Mode = r.Mode ?? ServiceSecret.DefaultMode,
                Uid = r.Uid,
                Gid = r.Gid,
            });
        }
        return secrets;
    }
}
