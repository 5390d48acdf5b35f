using System.Globalization;
using Satama.Client.Dtos;
using Satama.Core.Deploys;
using Satama.Core.Model;

namespace Satama.Master.Api;

/// <summary>A service's rollout settings between the API and Core, with every problem of a request at once.</summary>
internal static class RolloutMapping
{
    public static RolloutSpec ToSpec(RolloutDto? dto, List<string> errors)
    {
        var spec = RolloutSpec.Default;
        if (dto is null)
        {
            return spec;
        }
        if (dto.MinHealth is { } minHealth)
        {
            if (minHealth is < 0 or > 1 || double.IsNaN(minHealth))
            {
                errors.Add($"rollout: min_health is a fraction from 0 to 1, not {minHealth.ToString(CultureInfo.InvariantCulture)}");
            }
            spec = spec with { MinHealth = minHealth };
        }
        if (dto.Parallelism is { } parallelism)
        {
            if (parallelism < 1)
            {
                errors.Add($"rollout: parallelism must be at least 1, not {parallelism.ToString(CultureInfo.InvariantCulture)}");
            }
            spec = spec with { Parallelism = parallelism };
        }
        spec = spec with
        {
            Interval = Seconds(dto.IntervalSeconds, "interval", spec.Interval, errors, allowZero: true),
            HealthyDeadline = Seconds(dto.MonitorSeconds, "monitor", spec.HealthyDeadline, errors, allowZero: false),
            Drain = dto.DrainSeconds is null ? spec.Drain : Seconds(dto.DrainSeconds, "drain", TimeSpan.Zero, errors, allowZero: true),
        };
        switch (dto.Order)
        {
            case null: break;
            case "start-first": spec = spec with { Order = RolloutOrder.StartFirst }; break;
            case "stop-first": spec = spec with { Order = RolloutOrder.StopFirst }; break;
            default: errors.Add($"rollout: order '{dto.Order}' is invalid: use start-first or stop-first"); break;
        }
        if (dto.FailureAction is { } action)
        {
            if (FailureActions.TryParse(action, out var parsed))
            {
                spec = spec with { FailureAction = parsed };
            }
            else
            {
                errors.Add($"rollout: failure_action '{action}' is invalid: use rollback, pause or continue");
            }
        }
        return spec;
    }

    /// <summary>The service's rollout settings as they apply (a default drain shown as the one the service gets).</summary>
    public static RolloutDto ToDto(ServiceSpec service)
    {
        var spec = service.Rollout;
        return new(
            spec.MinHealth,
            spec.Parallelism,
            spec.Interval.TotalSeconds,
            spec.Order switch
            {
                RolloutOrder.StartFirst => "start-first",
                RolloutOrder.StopFirst => "stop-first",
                _ => null,
            },
            spec.FailureAction.ToWire(),
            spec.HealthyDeadline.TotalSeconds,
            RolloutSpec.DrainOf(service).TotalSeconds);
    }

    private const double MaxSeconds = 24 * 3600;

    private static TimeSpan Seconds(double? seconds, string what, TimeSpan fallback, List<string> errors, bool allowZero)
    {
        if (seconds is not { } value)
        {
            return fallback;
        }
        if (double.IsNaN(value) || value < 0 || (!allowZero && value == 0) || value > MaxSeconds)
        {
            errors.Add($"rollout: {what} must be {(allowZero ? "from 0" : "more than 0")} to {MaxSeconds.ToString(CultureInfo.InvariantCulture)} seconds, not {value.ToString(CultureInfo.InvariantCulture)}");
            return fallback;
        }
        return TimeSpan.FromSeconds(value);
    }
}
