using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// One instance already assigned to a node, of any service of the grid. The placer needs
/// the others' host ports, reservations and names for port conflicts, capacity and affinity.
/// </summary>
public sealed record InstanceView(string Stack, string Service, int Number, string Node, IReadOnlyList<PortMapping> Ports)
{
    public InstanceView(string stack, string service, int number, string node)
        : this(stack, service, number, node, [])
    {
    }

    /// <summary>CPUs this instance reserves on its node.</summary>
    public double Cpus { get; init; }

    /// <summary>Memory in bytes this instance reserves on its node.</summary>
    public long MemoryBytes { get; init; }

    public bool Of(ServiceSpec service) => Stack == service.Stack && Service == service.Name;

    /// <summary>The view of instance <paramref name="number"/> of <paramref name="service"/> on <paramref name="node"/>, with its ports and reservations.</summary>
    public static InstanceView Of(ServiceSpec service, int number, string node) =>
        new(service.Stack, service.Name, number, node, service.Ports)
        {
            Cpus = service.Placement.Cpus,
            MemoryBytes = service.Placement.MemoryBytes,
        };
}
