using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Cli.Commands.Service;

/// <summary>The runtime options of service create (--init, --stop-grace-period, --stop-signal) as a spec to check and a DTO to send.</summary>
internal static class RuntimeOptions
{
    /// <summary>A null DTO when no runtime option is given: the master's defaults.</summary>
    public static (RuntimeSpec Spec, RuntimeDto? Dto) Parse(CreateSettings s, List<string> problems)
    {
        if (!s.Init && s.StopGracePeriod is null && s.StopSignal is null)
        {
            return (RuntimeSpec.Default, null);
        }
        var grace = HealthOptions.Duration(s.StopGracePeriod, "--stop-grace-period", problems);
        var spec = new RuntimeSpec { Init = s.Init, StopGracePeriod = grace, StopSignal = s.StopSignal };
        return (spec, new RuntimeDto(s.Init ? true : null, grace?.TotalSeconds, s.StopSignal));
    }
}
