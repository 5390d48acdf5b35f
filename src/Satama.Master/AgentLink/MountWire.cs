using Satama.Core.Model;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

/// <summary>A service's <see cref="MountSpec"/> as the agent link carries it.</summary>
internal static class MountWire
{
    public static Mount ToWire(MountSpec mount)
    {
        var wire = new Mount
        {
            Type = mount.Type switch
            {
                MountType.Bind => "bind",
                MountType.Tmpfs => "tmpfs",
                _ => "volume",
            },
            Source = (mount.IsNamed ? mount.VolumeName : mount.Source) ?? "",
            Target = mount.Target,
            ReadOnly = mount.ReadOnly,
            External = mount.External,
            Driver = mount.Driver ?? "",
            StackVolume = mount.StackVolume ?? "",
        };
        wire.DriverOpts.Add(mount.DriverOpts.ToDictionary());
        return wire;
    }
}
