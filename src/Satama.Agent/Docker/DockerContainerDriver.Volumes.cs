using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Satama.Core.Reconciling;

namespace Satama.Agent.Docker;

internal sealed partial class DockerContainerDriver
{
    /// <summary>
    /// Makes sure each named volume of the container exists on this node before the container is created: an external
    /// one must be there already (Docker would otherwise create an empty one silently); Satama's own is created with its
    /// driver, options and io.satama labels when missing and used as it is when present, so its data outlives every
    /// container that mounts it. The agent never removes a volume.
    /// </summary>
    private async Task EnsureVolumesAsync(DesiredContainerView spec, string node, CancellationToken ct)
    {
        foreach (var mount in spec.Mounts.Where(m => m.IsNamed))
        {
            var name = mount.VolumeName!;
            if (await TryInspectVolumeAsync(name, ct) is { } existing)
            {
                // An existing volume (external, or made earlier) binds what its own options say: checked like a bind.
                GuardVolume(spec, mount, existing.Driver, existing.Options);
                continue;
            }
            if (mount.External)
            {
                throw new ContainerDriverException($"external volume {name} (volume `{mount.StackVolume}` of stack {spec.Stack}) does not exist on node {node}: create it there first (docker volume create {name})");
            }
            try
            {
                await _client.Volumes.CreateAsync(new VolumesCreateParameters
                {
                    Name = name,
                    Driver = mount.Driver ?? "local",
                    DriverOpts = GuardVolume(spec, mount, mount.Driver, mount.DriverOpts.ToDictionary()),
                    Labels = DockerMapping.VolumeLabels(spec, mount, node),
                }, ct);
                LogVolumeCreated(name, spec.Name);
            }
            catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.InternalServerError or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                // A missing plugin, bad driver options, a volume of that name with another driver: reported on the instance.
                throw new ContainerDriverException($"volume {name} for {spec.Name}: {Message(e)}", e);
            }
        }
    }

    private async Task<VolumeResponse?> TryInspectVolumeAsync(string name, CancellationToken ct)
    {
        try
        {
            return await _client.Volumes.InspectAsync(name, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created volume {Volume} for {Container}")]
    private partial void LogVolumeCreated(string volume, string container);
}
