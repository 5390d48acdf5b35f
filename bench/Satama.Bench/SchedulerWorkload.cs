using System.Globalization;
using Satama.Core.Model;
using Satama.Core.Scheduling;

namespace Satama.Bench;

/// <summary>
/// The scheduler benchmark's grid: 5,000 nodes over 5 regions of 3 zones, a fifth of them labelled
/// tier=edge, 1% offline; 100 services of 1,000 instances (100,000 in all) with the ha strategy,
/// affinity rules (a label rule on every service, a node rule on every fourth, one-per-node
/// <c>service!=self</c> on every tenth) and CPU and memory reservations.
/// </summary>
internal static class SchedulerWorkload
{
    public const int Nodes = 5_000;
    public const int Services = 100;
    public const int InstancesPerService = 1_000;
    public const int Total = Services * InstancesPerService;
    public const string Grid = "bench";
    public const string Stack = "load";

    public static string NodeName(int i) => "node-" + i.ToString("D4", CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Labels(int i) => new(StringComparer.Ordinal)
    {
        ["region"] = "r" + (i % 5).ToString(CultureInfo.InvariantCulture),
        ["az"] = "az" + (i / 5 % 3).ToString(CultureInfo.InvariantCulture),
        ["tier"] = i % 5 == 4 && i % 2 == 0 ? "edge" : "general",
    };

    public static bool Online(int i) => i % 100 != 99;

    public static List<NodeView> NodeViews() =>
        [.. Enumerable.Range(0, Nodes).Select(i => new NodeView(NodeName(i), Online(i), Labels(i)) { Cpus = 32, MemoryBytes = 128L << 30 })];

    public static string ServiceName(int s) => "svc" + s.ToString("D3", CultureInfo.InvariantCulture);

    public static List<string> Affinity(int s)
    {
        var rules = new List<string> { s % 2 == 0 ? "label==tier=general" : "label!=tier=edge" };
        if (s % 4 == 0)
        {
            rules.Add("node!=" + NodeName(s));
        }
        if (s % 10 == 0)
        {
            rules.Add("service!=" + ServiceName(s));
        }
        return rules;
    }

    public static ServiceSpec Service(int s) => new()
    {
        Grid = Grid,
        Stack = Stack,
        Name = ServiceName(s),
        Image = "satama-test/busybox:latest",
        Instances = InstancesPerService,
        Placement = PlacementSpec.Default with
        {
            Strategy = PlacementStrategy.Ha,
            Affinity = Affinity(s),
            Cpus = 0.1,
            MemoryBytes = 64L << 20,
        },
    };
}
