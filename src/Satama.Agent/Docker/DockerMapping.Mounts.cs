using Docker.DotNet.Models;
using Satama.Core.Model;
using Satama.Core.Reconciling;

namespace Satama.Agent.Docker;

internal static partial class DockerMapping
{
    /// <summary>The service's mounts, then the file secrets (read-only binds of files the agent wrote); null for none.</summary>
    private static IList<Mount> Mounts(DesiredContainerView spec, IReadOnlyList<(string Source, string Target)>? secretFiles)
    {
        var mounts = spec.Mounts.Select(ToMount).ToList();
        mounts.AddRange((secretFiles ?? []).Select(f => new Mount { Type = "bind", Source = f.Source, Target = f.Target, ReadOnly = true }));
        return mounts.Count > 0 ? mounts : null!;
    }

    public static Mount ToMount(MountSpec mount) => mount.Type switch
    {
        MountType.Bind => new Mount { Type = "bind", Source = mount.Source, Target = mount.Target, ReadOnly = mount.ReadOnly },
        MountType.Tmpfs => new Mount { Type = "tmpfs", Target = mount.Target, ReadOnly = mount.ReadOnly },
        // The agent creates a named volume before the container (see DockerContainerDriver.Volumes), so Docker never
        // creates it implicitly without the labels; an anonymous one (no source) goes with its container.
        _ => new Mount { Type = "volume", Source = mount.VolumeName ?? "", Target = mount.Target, ReadOnly = mount.ReadOnly },
    };

    /// <summary>Labels on a named volume the agent creates: whose it is, so Satama (and an operator) can tell.</summary>
    public static Dictionary<string, string> VolumeLabels(DesiredContainerView spec, MountSpec mount, string node) => new(StringComparer.Ordinal)
    {
        [SatamaLabels.Grid] = spec.Grid,
        [SatamaLabels.Stack] = spec.Stack,
        [SatamaLabels.Volume] = mount.StackVolume ?? mount.VolumeName ?? "",
        [SatamaLabels.Node] = node,
    };
}
