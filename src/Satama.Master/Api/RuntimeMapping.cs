using System.Globalization;
using Satama.Client.Dtos;
using Satama.Core.Model;

namespace Satama.Master.Api;

/// <summary>A service's runtime options between the API and Core; the values are checked by <see cref="RuntimeValidator"/>.</summary>
internal static class RuntimeMapping
{
    public static RuntimeSpec ToSpec(RuntimeDto? dto, List<string> errors)
    {
        if (dto is null)
        {
            return RuntimeSpec.Default;
        }
        TimeSpan? grace = null;
        if (dto.StopGracePeriodSeconds is { } seconds)
        {
            if (double.IsFinite(seconds) && Math.Abs(seconds) <= RuntimeValidator.MaxStopGracePeriod.TotalSeconds * 2)
            {
                grace = TimeSpan.FromSeconds(seconds);
            }
            else
            {
                errors.Add($"stop grace period must be from 0 to 3600 seconds, not {seconds.ToString(CultureInfo.InvariantCulture)}");
            }
        }
        return new RuntimeSpec
        {
            Init = dto.Init ?? false,
            StopGracePeriod = grace,
            StopSignal = string.IsNullOrWhiteSpace(dto.StopSignal) ? null : dto.StopSignal.Trim(),
        };
    }

    /// <summary>Null for the defaults, so the answer for a service that sets nothing is unchanged.</summary>
    public static RuntimeDto? ToDto(RuntimeSpec runtime) => runtime.IsDefault ? null : new RuntimeDto(
        runtime.Init ? true : null,
        runtime.StopGracePeriod?.TotalSeconds,
        runtime.StopSignal);
}
