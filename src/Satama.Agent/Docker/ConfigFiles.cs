using System.Text;
using Satama.Core.Model;
using Satama.Core.Reconciling;

namespace Satama.Agent.Docker;

/// <summary>
/// Config files go where file secrets go (SecretFiles: a directory per container on the agent's tmpfs, each file with
/// its mode and owner, bind-mounted read-only): a config is a file delivery whose value the desired set carries.
/// </summary>
internal static class ConfigFiles
{
    /// <summary><paramref name="spec"/> with its configs added to its file deliveries; itself when it has none.</summary>
    public static DesiredContainerView WithConfigFiles(DesiredContainerView spec) =>
        spec.Configs.Count == 0
            ? spec
            : spec with { Secrets = [.. spec.Secrets, .. spec.Configs.Select(ToFile)] };

    private static DesiredSecretView ToFile(ServiceConfig config) => new()
    {
        Secret = $"config {config.Name}",
        Type = SecretDeliveryType.File,
        Target = config.Target,
        Mode = config.Mode,
        Uid = config.Uid,
        Gid = config.Gid,
        Value = Encoding.UTF8.GetBytes(config.Content),
    };
}
