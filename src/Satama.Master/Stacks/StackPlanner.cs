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
            List<string> fields = have.Instances == want.Instances ? [.. shaping] : [.. shaping, "instances"];
            if (!Equals(have.Lb, want.Lb))
            {
                // Routing only: the load balancer follows without recreating containers.
                fields.Add("lb");
            }
            if (shaping.Count > 0)
            {
                plans.Add(new StackServicePlan(want.Name, Changed, fields, want with { Revision = have.Revision + 1 }, have));
            }
            else if (fields.Count > 0)
            {
                plans.Add(new StackServicePlan(want.Name, Scaled, fields, have with { Instances = want.Instances, Lb = want.Lb }, have));
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
        return fields;
    }

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
