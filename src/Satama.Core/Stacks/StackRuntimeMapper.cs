using Satama.Core.Model;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>A stack service's container runtime keys (<c>init</c>, <c>stop_grace_period</c>, <c>stop_signal</c>, ...) as a <see cref="RuntimeSpec"/>.</summary>
public static class StackRuntimeMapper
{
    /// <summary>The parser has checked every value; one that still does not read is left at its default.</summary>
    public static RuntimeSpec ToRuntime(StackServiceSpec svc) => new()
    {
        Init = svc.Init ?? false,
        StopGracePeriod = Durations.TryParse(svc.StopGracePeriod, out var grace) ? grace : null,
        StopSignal = svc.StopSignal,
    };
}
