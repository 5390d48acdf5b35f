using System.Globalization;
using System.Text.RegularExpressions;
using Satama.Core.Model;
using Satama.Core.Scheduling;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Stacks;

/// <summary>
/// Maps a stack service's scheduling fields onto <see cref="PlacementSpec"/>: <c>deploy.strategy</c> (or
/// <c>mode: global</c>), <c>affinity</c> and Compose placement constraints, <c>deploy.resources.reservations</c>,
/// and <c>stateful</c>. Meant to be called from <see cref="StackServiceMapper"/> when it builds the spec.
/// </summary>
public static partial class StackPlacementMapper
{
    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)\s*(?<unit>[kmgtp]?)i?b?$", RegexOptions.IgnoreCase)]
    private static partial Regex Size();

    /// <param name="svc">The stack service.</param>
    /// <param name="notes">Receives what is understood but not applied (a Compose <c>node.role</c> constraint).</param>
    public static PlacementSpec ToPlacement(StackServiceSpec svc, ICollection<string>? notes = null)
    {
        var affinity = new List<string>();
        foreach (var text in svc.Affinity)
        {
            var parsed = AffinityRule.Parse(text);
            if (parsed.Note is { } note)
            {
                notes?.Add(note);
                continue;
            }
            // A rule that does not parse stays, so the validator reports it rather than it vanishing.
            affinity.Add(parsed.Rule?.ToString() ?? text);
        }
        var reservations = svc.Deploy?.Resources?.Reservations;
        return new PlacementSpec
        {
            Strategy = svc.Deploy?.Strategy switch
            {
                "daemon" => PlacementStrategy.Daemon,
                "random" => PlacementStrategy.Random,
                _ => PlacementStrategy.Ha,
            },
            Affinity = affinity,
            Cpus = double.TryParse(reservations?.Cpus, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus) ? cpus : 0,
            MemoryBytes = Bytes(reservations?.Memory),
            Stateful = svc.Stateful,
        };
    }

    /// <summary>Docker's sizes: 512m is 512 MiB; a bare number is bytes; 0 when absent or unreadable.</summary>
    public static long Bytes(string? size)
    {
        if (size is null || Size().Match(size.Trim()) is not { Success: true } m)
        {
            return 0;
        }
        var shift = char.ToLowerInvariant(m.Groups["unit"].Value.FirstOrDefault()) switch
        {
            'k' => 10,
            'm' => 20,
            'g' => 30,
            't' => 40,
            'p' => 50,
            _ => 0,
        };
        var value = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * Math.Pow(2, shift);
        return value >= long.MaxValue ? long.MaxValue : (long)value;
    }
}
