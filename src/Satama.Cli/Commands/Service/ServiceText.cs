using System.Globalization;
using Satama.Client.Dtos;

namespace Satama.Cli.Commands.Service;

internal static class ServiceText
{
    public static string Ports(IReadOnlyList<PortDto> ports) =>
        ports.Count == 0 ? "-" : string.Join(",", ports.Select(p => $"{p.HostPort}:{p.ContainerPort}/{p.Protocol}"));

    public static string Instances(ServiceDto s) =>
        s.Running.ToString(CultureInfo.InvariantCulture) + "/" + s.Instances.ToString(CultureInfo.InvariantCulture);
}
