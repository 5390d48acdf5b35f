using System.Globalization;
using Satama.Core.Scheduling;

namespace Satama.Core.Model;

/// <summary>Checks a service's placement: strategy, affinity rules, reservations, grace period; every problem at once.</summary>
public static class PlacementValidator
{
    public const double MaxCpus = 1024;
    public static readonly TimeSpan MaxGracePeriod = TimeSpan.FromDays(7);

    public static IReadOnlyList<string> Validate(PlacementSpec? placement)
    {
        var errors = new List<string>();
        if (placement is null)
        {
            errors.Add("placement is missing");
            return errors;
        }
        if (!Enum.IsDefined(placement.Strategy))
        {
            errors.Add("placement strategy must be ha, random or daemon");
        }
        foreach (var text in placement.Affinity ?? [])
        {
            if (AffinityRule.Parse(text).Error is { } error)
            {
                errors.Add(error);
            }
        }
        if (double.IsNaN(placement.Cpus) || placement.Cpus is < 0 or > MaxCpus)
        {
            errors.Add($"cpu reservation must be from 0 to {MaxCpus.ToString(CultureInfo.InvariantCulture)} CPUs, not {placement.Cpus.ToString(CultureInfo.InvariantCulture)}");
        }
        if (placement.MemoryBytes < 0)
        {
            errors.Add($"memory reservation must not be negative, not {placement.MemoryBytes.ToString(CultureInfo.InvariantCulture)} bytes");
        }
        if (placement.GracePeriod is { } grace && (grace < TimeSpan.Zero || grace > MaxGracePeriod))
        {
            errors.Add($"grace period must be from 0 s to {MaxGracePeriod.TotalDays.ToString(CultureInfo.InvariantCulture)} days, not {grace.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        return errors;
    }
}
