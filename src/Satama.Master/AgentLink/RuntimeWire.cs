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
        };
        if (runtime.StopGracePeriod is not null)
        {
            wire.StopGraceSeconds = runtime.StopGraceSeconds;
        }
        return wire;
    }
}
