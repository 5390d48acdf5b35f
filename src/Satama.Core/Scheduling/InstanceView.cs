using Satama.Core.Model;

namespace Satama.Core.Scheduling;

/// <summary>
/// One instance already assigned to a node, of any service of the grid. The placer needs
/// the others' host ports to keep two containers from binding the same port on a node.
/// </summary>
public sealed record InstanceView(string Stack, string Service, int Number, string Node, IReadOnlyList<PortMapping> Ports)
{
    public InstanceView(string stack, string service, int number, string node)
        : this(stack, service, number, node, [])
    {
    }

    public bool Of(ServiceSpec service) => Stack == service.Stack && Service == service.Name;
}
