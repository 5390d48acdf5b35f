using Satama.Core.Model;
using Satama.Protocol;

namespace Satama.Agent.MasterLink;

/// <summary>The wire's <see cref="RuntimeOptions"/> as Core's <see cref="RuntimeSpec"/> (the labels travel in DesiredContainer.labels).</summary>
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
        User = Text(wire.User),
        WorkingDir = Text(wire.WorkingDir),
        Hostname = Text(wire.Hostname),
        ReadOnly = wire.ReadOnly,
        Tmpfs = [.. wire.Tmpfs],
        CapAdd = [.. wire.CapAdd],
        CapDrop = [.. wire.CapDrop],
        Privileged = wire.Privileged,
        ExtraHosts = [.. wire.ExtraHosts],
        ShmSizeBytes = Math.Max(0, wire.ShmSizeBytes),
        Sysctls = new Dictionary<string, string>(wire.Sysctls),
        Ulimits = [.. wire.Ulimits.Select(u => new UlimitSpec(u.Name, u.Soft, u.Hard))],
    };

    private static string? Text(string value) => value.Length > 0 ? value : null;
}
