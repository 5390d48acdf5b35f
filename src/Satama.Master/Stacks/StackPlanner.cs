using Satama.Core.Model;

namespace Satama.Master.Stacks;

/// <summary>
/// Compares a stack's stored services with newly rendered ones and plans each: added, removed, changed (a new
/// revision: the agent replaces containers whose spec hash changes), scaled (instances only: running containers
/// stay) or unchanged (kept as stored, so its containers keep running). Pure: the caller applies the plan.
/// </summary>
internal static class StackPlanner
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";
    public const string Scaled = "scaled";
    public const string Unchanged = "unchanged";

    /// <summary>The plan, desired services first in their start order, then the removed ones.</summary>
    public static IReadOnlyList<StackServicePlan> Plan(IReadOnlyList<ServiceSpec> current, IReadOnlyList<ServiceSpec> desired)
    {
        var plans = new List<StackServicePlan>();
        foreach (var want in desired)
        {
            var have = current.FirstOrDefault(s => s.Name == want.Name);
            if (have is null)
            {
                plans.Add(new StackServicePlan(want.Name, Added, [], want with { Revision = 1 }, null));
                continue;
            }
            var shaping = ShapingFields(have, want);
            var fields = shaping.Concat(OtherFields(have, want)).ToList();
            if (shaping.Count > 0)
            {
                plans.Add(new StackServicePlan(want.Name, Changed, fields, want with { Revision = have.Revision + 1 }, have));
            }
            else if (fields.Count > 0)
            {
                plans.Add(new StackServicePlan(want.Name, Scaled, fields, Unshaped(have, want), have));
            }
            else
            {
                plans.Add(new StackServicePlan(want.Name, Unchanged, [], null, have));
            }
        }
        plans.AddRange(current
            .Where(s => desired.All(d => d.Name != s.Name))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new StackServicePlan(s.Name, Removed, [], null, s)));
        return plans;
    }

    /// <summary>The fields that shape a container (what the spec hash covers besides the revision) and differ.</summary>
    public static List<string> ShapingFields(ServiceSpec a, ServiceSpec b)
    {
        var fields = new List<string>();
        if (a.Image != b.Image)
        {
            fields.Add("image");
        }
        if (!a.Command.SequenceEqual(b.Command, StringComparer.Ordinal))
        {
            fields.Add("command");
        }
        if (!a.Entrypoint.SequenceEqual(b.Entrypoint, StringComparer.Ordinal))
        {
            fields.Add("entrypoint");
        }
        if (!a.Mounts.OrderBy(m => m.Target, StringComparer.Ordinal).SequenceEqual(b.Mounts.OrderBy(m => m.Target, StringComparer.Ordinal)))
        {
            fields.Add("volumes");
        }
        if (!a.Configs.OrderBy(c => c.Target, StringComparer.Ordinal).SequenceEqual(b.Configs.OrderBy(c => c.Target, StringComparer.Ordinal)))
        {
            fields.Add("configs");
        }
        if (a.Env.Count != b.Env.Count || a.Env.Any(e => !b.Env.TryGetValue(e.Key, out var v) || v != e.Value))
        {
            fields.Add("env");
        }
        if (!a.Ports.Order(PortOrder.Instance).SequenceEqual(b.Ports.Order(PortOrder.Instance)))
        {
            fields.Add("ports");
        }
        if (a.Restart != b.Restart)
        {
            fields.Add("restart");
        }
        if (!HealthEquals(a.Health, b.Health))
        {
            fields.Add("healthcheck");
        }
        if (a.Runtime != b.Runtime)
        {
            fields.Add("runtime");
        }
        return fields;
    }

    /// <summary>
    /// Fields that change no container: the instance count, placement (the scheduler moves what must move),
    /// the rollout settings and load balancing. They are written without a new revision, so nothing is redeployed.
    /// </summary>
    public static IEnumerable<string> OtherFields(ServiceSpec a, ServiceSpec b)
    {
        if (a.Instances != b.Instances)
        {
            yield return "instances";
        }
        if (!PlacementEquals(a.Placement, b.Placement))
        {
            yield return "placement";
        }
        if (a.Rollout != b.Rollout)
        {
            yield return "deploy";
        }
        if (!Equals(a.Lb, b.Lb))
        {
            // Routing only: the load balancer follows without recreating containers.
            yield return "lb";
        }
    }

    /// <summary><paramref name="stored"/> with the fields of <see cref="OtherFields"/> taken from <paramref name="want"/>.</summary>
    public static ServiceSpec Unshaped(ServiceSpec stored, ServiceSpec want) =>
        stored with { Instances = want.Instances, Placement = want.Placement, Rollout = want.Rollout, Lb = want.Lb };

    private static bool HealthEquals(HealthCheck? a, HealthCheck? b) =>
        a is null || b is null ? a == b : a with { Command = [] } == b with { Command = [] } && a.Command.SequenceEqual(b.Command, StringComparer.Ordinal);

    private static bool PlacementEquals(PlacementSpec a, PlacementSpec b) =>
        a with { Affinity = [] } == b with { Affinity = [] } && a.Affinity.SequenceEqual(b.Affinity, StringComparer.Ordinal);

    private sealed class PortOrder : IComparer<PortMapping>
    {
        public static readonly PortOrder Instance = new();

        public int Compare(PortMapping? x, PortMapping? y) =>
            (x, y) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                _ => x.HostPort != y.HostPort ? x.HostPort.CompareTo(y.HostPort)
                    : x.ContainerPort != y.ContainerPort ? x.ContainerPort.CompareTo(y.ContainerPort)
                    : string.CompareOrdinal(x.Protocol, y.Protocol),
            };
    }
}
