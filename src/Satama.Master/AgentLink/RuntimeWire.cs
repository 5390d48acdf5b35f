using Satama.Core.Model;
using Satama.Protocol;

namespace Satama.Master.AgentLink;

/// <summary>A service's <see cref="RuntimeSpec"/> as the agent link carries it.</summary>
internal static class RuntimeWire
{
    /// <summary>Null for the default runtime, so containers of services that set nothing get the same message as before.</summary>
    public static RuntimeOptions? ToWire(RuntimeSpec runtime)
    {
        if (runtime.IsDefault)
        {
            return null;
        }
        var wire = new RuntimeOptions
        {
            Init = runtime.Init,
            StopSignal = runtime.StopSignal ?? "",
            MemoryBytes = runtime.MemoryBytes,
            NanoCpus = runtime.NanoCpus,
            CpuShares = runtime.CpuShares,
            User = runtime.User ?? "",
            WorkingDir = runtime.WorkingDir ?? "",
            Hostname = runtime.Hostname ?? "",
            ReadOnly = runtime.ReadOnly,
            Privileged = runtime.Privileged,
            ShmSizeBytes = runtime.ShmSizeBytes,
        };
        wire.Tmpfs.AddRange(runtime.Tmpfs);
        wire.CapAdd.AddRange(runtime.CapAdd);
        wire.CapDrop.AddRange(runtime.CapDrop);
        wire.ExtraHosts.AddRange(runtime.ExtraHosts);
        wire.Sysctls.Add(runtime.Sysctls.ToDictionary());
        wire.Ulimits.AddRange(runtime.Ulimits.Select(u => new RuntimeUlimit { Name = u.Name, Soft = u.Soft, Hard = u.Hard }));
        if (runtime.StopGracePeriod is not null)
        {
            wire.StopGraceSeconds = runtime.StopGraceSeconds;
        }
        return wire;
    }
}
