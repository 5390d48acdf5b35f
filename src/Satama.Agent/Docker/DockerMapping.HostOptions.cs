using Docker.DotNet.Models;
using Satama.Core.Model;

namespace Satama.Agent.Docker;

internal static partial class DockerMapping
{
    /// <summary>DNS servers and search domains, devices, the PID namespace and the logging driver, when the service sets them.</summary>
    private static void ApplyHostOptions(RuntimeSpec runtime, CreateContainerParameters parameters)
    {
        var host = parameters.HostConfig ??= new HostConfig();
        if (runtime.Dns.Count > 0)
        {
            host.DNS = [.. runtime.Dns];
        }
        if (runtime.DnsSearch.Count > 0)
        {
            host.DNSSearch = [.. runtime.DnsSearch];
        }
        if (runtime.Devices.Count > 0)
        {
            host.Devices = [.. runtime.Devices.Select(ToDevice)];
        }
        if (runtime.Pid is { } pid)
        {
            host.PidMode = pid;
        }
        if (runtime.LogDriver is not null || runtime.LogOptions.Count > 0)
        {
            // Options without a driver go to the engine's default driver, as `docker run --log-opt` does.
            host.LogConfig = new LogConfig { Type = runtime.LogDriver ?? "", Config = new Dictionary<string, string>(runtime.LogOptions) };
        }
    }

    /// <summary>HOST[:CONTAINER][:PERMISSIONS] as Docker's CLI reads it: the container path defaults to the host's, permissions to rwm.</summary>
    public static DeviceMapping ToDevice(string device)
    {
        var parts = device.Split(':');
        var hasPermissions = parts.Length > 1 && !parts[^1].StartsWith('/');
        var permissions = hasPermissions ? parts[^1] : "rwm";
        var paths = hasPermissions ? parts[..^1] : parts;
        return new DeviceMapping
        {
            PathOnHost = paths[0],
            PathInContainer = paths.Length > 1 ? paths[1] : paths[0],
            CgroupPermissions = permissions,
        };
    }
}
