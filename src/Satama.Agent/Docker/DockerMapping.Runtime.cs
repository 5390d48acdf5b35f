using Docker.DotNet.Models;
using Satama.Core.Model;

namespace Satama.Agent.Docker;

internal static partial class DockerMapping
{
    /// <summary>
    /// The service's runtime options on the create parameters. The stop grace period is always written (2 s when the
    /// service sets none) so the container carries it: the agent's stop reads it back (see <see cref="StopGraceSeconds"/>).
    /// </summary>
    private static void ApplyRuntime(RuntimeSpec runtime, CreateContainerParameters parameters)
    {
        parameters.StopTimeout = TimeSpan.FromSeconds(runtime.StopGraceSeconds);
        if (runtime.StopSignal is { } signal)
        {
            parameters.StopSignal = signal;
        }
        var host = parameters.HostConfig ??= new HostConfig();
        if (runtime.Init)
        {
            host.Init = true;
        }
        // Zero is Docker's own "no limit", so these are written as they are.
        host.Memory = runtime.MemoryBytes;
        host.NanoCPUs = runtime.NanoCpus;
        host.CPUShares = runtime.CpuShares;
        parameters.User = runtime.User ?? "";
        parameters.WorkingDir = runtime.WorkingDir ?? "";
        parameters.Hostname = runtime.Hostname ?? "";
        host.ReadonlyRootfs = runtime.ReadOnly;
        host.Privileged = runtime.Privileged;
        host.ShmSize = runtime.ShmSizeBytes;
        if (runtime.Tmpfs.Count > 0)
        {
            host.Tmpfs = runtime.Tmpfs.Select(t => t.Split(':', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
        }
        if (runtime.CapAdd.Count > 0)
        {
            host.CapAdd = [.. runtime.CapAdd];
        }
        if (runtime.CapDrop.Count > 0)
        {
            host.CapDrop = [.. runtime.CapDrop];
        }
        if (runtime.ExtraHosts.Count > 0)
        {
            host.ExtraHosts = [.. runtime.ExtraHosts];
        }
        if (runtime.Sysctls.Count > 0)
        {
            host.Sysctls = new Dictionary<string, string>(runtime.Sysctls);
        }
        if (runtime.Ulimits.Count > 0)
        {
            host.Ulimits = [.. runtime.Ulimits.Select(u => new Ulimit { Name = u.Name, Soft = u.Soft, Hard = u.Hard })];
        }
    }

    /// <summary>
    /// The grace period to stop a container with: the one it was created with, or 2 s for a container created before
    /// the agent wrote one (Docker would otherwise wait its own 10 s).
    /// </summary>
    public static uint StopGraceSeconds(ContainerInspectResponse? inspect) =>
        inspect?.Config?.StopTimeout is { } timeout && timeout >= TimeSpan.Zero
            ? (uint)Math.Ceiling(timeout.TotalSeconds)
            : (uint)RuntimeSpec.DefaultStopGracePeriod.TotalSeconds;
}
