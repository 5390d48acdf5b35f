using Satama.Core.Model;

namespace Satama.Agent.MasterLink;

/// <summary>The wire's <see cref="Protocol.Mount"/> and <see cref="Protocol.ConfigFile"/> as Core's <see cref="MountSpec"/> and <see cref="ServiceConfig"/>.</summary>
internal static class MountMapping
{
    public static MountSpec ToSpec(Protocol.Mount wire)
    {
        var type = wire.Type switch
        {
            "bind" => MountType.Bind,
            "tmpfs" => MountType.Tmpfs,
            _ => MountType.Volume,
        };
        var named = type == MountType.Volume && wire.Source.Length > 0;
        return new MountSpec
        {
            Type = type,
            Source = type == MountType.Bind ? wire.Source : null,
            Target = wire.Target,
            ReadOnly = wire.ReadOnly,
            VolumeName = named ? wire.Source : null,
            StackVolume = named && wire.StackVolume.Length > 0 ? wire.StackVolume : null,
            External = named && wire.External,
            Driver = named && wire.Driver.Length > 0 ? wire.Driver : null,
            DriverOpts = named ? new Dictionary<string, string>(wire.DriverOpts) : new Dictionary<string, string>(),
        };
    }

    public static ServiceConfig ToConfig(Protocol.ConfigFile wire) => new()
    {
        Name = wire.Name,
        Target = wire.Target,
        Content = wire.Content.ToStringUtf8(),
        Mode = (int)(wire.Mode & 0b111_111_111),
        Uid = wire.Uid >= 0 ? wire.Uid : null,
        Gid = wire.Gid >= 0 ? wire.Gid : null,
    };
}
