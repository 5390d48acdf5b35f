using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// A stack service's <c>volumes:</c> as <see cref="MountSpec"/>s. A named volume becomes the Docker volume
/// <c>GRID.STACK.VOLUME</c> (or its <c>name:</c>) on the node of each instance; with <c>external: true</c> the existing
/// volume <c>name</c> is used as is. The validator has refused relative bind sources and undefined volumes already.
/// </summary>
public static class StackMountMapper
{
    public static IReadOnlyList<MountSpec> ToMounts(StackSpec stack, StackServiceSpec svc, string grid) =>
        [.. svc.Volumes.Select(v => ToMount(stack, v, grid))];

    public static MountSpec ToMount(StackSpec stack, StackVolumeMount mount, string grid)
    {
        switch (mount.Type)
        {
            case "bind":
                return new MountSpec { Type = MountType.Bind, Source = mount.Source, Target = mount.Target, ReadOnly = mount.ReadOnly };
            case "tmpfs":
                return new MountSpec { Type = MountType.Tmpfs, Target = mount.Target, ReadOnly = mount.ReadOnly };
        }
        if (mount.Source is not { } key)
        {
            return new MountSpec { Type = MountType.Volume, Target = mount.Target, ReadOnly = mount.ReadOnly };
        }
        var volume = stack.Volumes.TryGetValue(key, out var defined) ? defined : new VolumeSpec();
        return new MountSpec
        {
            Type = MountType.Volume,
            Target = mount.Target,
            ReadOnly = mount.ReadOnly,
            StackVolume = key,
            External = volume.External,
            // Compose's `name:` is the volume's own name, external or not (then created with it, unprefixed).
            VolumeName = volume.ExternalName ?? (volume.External ? key : VolumeName(grid, stack.Name, key)),
            Driver = volume.External ? null : volume.Driver,
            DriverOpts = volume.External ? new Dictionary<string, string>() : new Dictionary<string, string>(volume.DriverOpts, StringComparer.Ordinal),
        };
    }

    /// <summary>The Docker volume a stack's named volume is on every node: <c>GRID.STACK.VOLUME</c>.</summary>
    public static string VolumeName(string grid, string stack, string volume) => $"{grid}.{stack}.{volume}";
}
