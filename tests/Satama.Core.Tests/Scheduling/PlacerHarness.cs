using Satama.Core.Model;
using Satama.Core.Scheduling;

namespace Satama.Core.Tests.Scheduling;

/// <summary>Builds placement snapshots in a line or two so each behaviour is a small test.</summary>
internal static class PlacerHarness
{
    public static ServiceSpec Service(string name, int instances, params string[] ports) => new()
    {
        Grid = "g",
        Name = name,
        Image = "busybox",
        Instances = instances,
        Ports = ports.Select(p => PortMapping.Parse(p, out _)!).ToList(),
    };

    public static List<NodeView> Online(params string[] names) => names.Select(n => new NodeView(n, true)).ToList();

    public static NodeView Offline(string name) => new(name, false);

    public static InstanceView On(string node, ServiceSpec service, int number) =>
        new(service.Stack, service.Name, number, node, service.Ports);

    public static PlacementPlan Plan(ServiceSpec service, IEnumerable<NodeView> nodes, params InstanceView[] existing) =>
        InstancePlacer.Plan(new PlacementRequest(service, nodes.ToList(), existing));

    public static string Layout(PlacementPlan plan) =>
        string.Join(" ", plan.Assignments.Select(a => $"{a.Instance}@{a.Node}"));
}
