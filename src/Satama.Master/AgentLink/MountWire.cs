using Google.Protobuf;
using Satama.Core.Model;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

/// <summary>A service's <see cref="MountSpec"/>s and <see cref="ServiceConfig"/>s as the agent link carries them.</summary>
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

    public static ConfigFile ToWire(ServiceConfig config) => new()
    {
        Name = config.Name,
        Target = config.Target,
        Content = ByteString.CopyFromUtf8(config.Content),
        Mode = (uint)config.Mode,
        Uid = config.Uid ?? -1,
        Gid = config.Gid ?? -1,
    };
}
