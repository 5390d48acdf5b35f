using System.Globalization;
using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>A stack service's container runtime keys (<c>init</c>, <c>stop_grace_period</c>, <c>stop_signal</c>, limits, ...) as a <see cref="RuntimeSpec"/>.</summary>
public static class StackRuntimeMapper
{
    /// <summary>The parser has checked every value; one that still does not read is left at its default.</summary>
    public static RuntimeSpec ToRuntime(StackServiceSpec svc) => new()
    {
        Init = svc.Init ?? false,
        StopGracePeriod = Durations.TryParse(svc.StopGracePeriod, out var grace) ? grace : null,
        StopSignal = svc.StopSignal,
        // deploy.resources.limits and the service-level keys must agree (the parser checks), so either will do.
        MemoryBytes = StackPlacementMapper.Bytes(svc.Deploy?.Resources?.Limits?.Memory ?? svc.MemLimit),
        NanoCpus = NanoCpus(svc.Deploy?.Resources?.Limits?.Cpus ?? svc.Cpus),
        CpuShares = svc.CpuShares ?? 0,
    };

    private static long NanoCpus(string? cpus) =>
        double.TryParse(cpus, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (long)Math.Round(Math.Min(value, 1e9) * 1e9)
            : 0;
}
