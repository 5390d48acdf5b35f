using System.Globalization;
using Satama.Client.Dtos;
using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Cli.Commands.Service;

/// <summary>The runtime options of service create (--init, --stop-grace-period, --stop-signal, --memory, --cpus) as a spec to check and a DTO to send.</summary>
internal static class RuntimeOptions
{
    /// <summary>A null DTO when no runtime option is given: the master's defaults.</summary>
    public static (RuntimeSpec Spec, RuntimeDto? Dto) Parse(CreateSettings s, List<string> problems)
    {
        if (!s.Init && s.StopGracePeriod is null && s.StopSignal is null && s.Memory is null && s.Cpus is null)
        {
            return (RuntimeSpec.Default, null);
        }
        var grace = HealthOptions.Duration(s.StopGracePeriod, "--stop-grace-period", problems);
        long? memory = null;
        if (s.Memory is { } text)
        {
            memory = StackPlacementMapper.Bytes(text);
            if (memory == 0)
            {
                problems.Add($"--memory '{text}' is not a size like 512m or 2g");
            }
        }
        if (s.Cpus is { } cpus && (!double.IsFinite(cpus) || cpus <= 0))
        {
            problems.Add($"--cpus must be more than 0, not {cpus.ToString(CultureInfo.InvariantCulture)}");
        }
        var spec = new RuntimeSpec
        {
            Init = s.Init,
            StopGracePeriod = grace,
            StopSignal = s.StopSignal,
            MemoryBytes = memory ?? 0,
            NanoCpus = s.Cpus is > 0 and < 1e6 ? (long)Math.Round(s.Cpus.Value * 1e9) : 0,
        };
        return (spec, new RuntimeDto(s.Init ? true : null, grace?.TotalSeconds, s.StopSignal, memory, s.Cpus));
    }
}
