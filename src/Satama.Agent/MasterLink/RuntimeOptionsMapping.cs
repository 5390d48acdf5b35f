using Satama.Core.Model;
using Satama.Protocol;

namespace Satama.Agent.MasterLink;

/// <summary>The wire's <see cref="RuntimeOptions"/> as Core's <see cref="RuntimeSpec"/>.</summary>
internal static class RuntimeOptionsMapping
{
    public static RuntimeSpec ToSpec(RuntimeOptions wire) => new()
    {
        Init = wire.Init,
        StopGracePeriod = wire.HasStopGraceSeconds ? TimeSpan.FromSeconds(Math.Max(0, wire.StopGraceSeconds)) : null,
        StopSignal = wire.StopSignal.Length > 0 ? wire.StopSignal : null,
        MemoryBytes = Math.Max(0, wire.MemoryBytes),
        NanoCpus = Math.Max(0, wire.NanoCpus),
        CpuShares = Math.Max(0, wire.CpuShares),
    };
}
