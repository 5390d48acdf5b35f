using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Satama.Agent.Overlay;
using Satama.Core.Model;

namespace Satama.Agent.Docker;

internal sealed partial class DockerContainerDriver
{
    /// <summary>The overlay the grid's new containers join; null: the engine's default bridge.</summary>
    public OverlayAttachment? Overlay { get; set; }

    /// <summary>
    /// Makes sure the bridge network exists on exactly this subnet. A network of that name on
    /// another subnet (the node got a new one) is emptied and replaced; its containers are
    /// recreated by the reconciler, since their spec hash names the subnet.
    /// </summary>
    public async Task EnsureNetworkAsync(string name, string subnet, string gateway, string grid, CancellationToken ct)
    {
        var existing = await TryInspectNetworkAsync(name, ct);
        if (existing is not null)
        {
            var config = existing.IPAM?.Config?.FirstOrDefault();
            if (config?.Subnet == subnet && config.Gateway == gateway)
            {
                return;
            }
            LogNetworkReplaced(name, config?.Subnet ?? "?", subnet);
            foreach (var id in existing.Containers?.Keys ?? [])
            {
                await _client.Networks.DisconnectNetworkAsync(existing.ID, new NetworkDisconnectParameters { Container = id, Force = true }, ct);
            }
            await _client.Networks.DeleteNetworkAsync(existing.ID, ct);
        }
        try
        {
            await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = name,
                Driver = "bridge",
                Labels = new Dictionary<string, string> { [SatamaLabels.Grid] = grid },
                IPAM = new IPAM { Driver = "default", Config = [new IPAMConfig { Subnet = subnet, Gateway = gateway }] },
            }, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Created meanwhile by an earlier attempt: the next call checks its subnet.
        }
        catch (DockerApiException e)
        {
            throw new OverlayException($"creating network {name} on {subnet} failed: {Message(e)}", e);
        }
    }

    private async Task<NetworkResponse?> TryInspectNetworkAsync(string name, CancellationToken ct)
    {
        try
        {
            return await _client.Networks.InspectNetworkAsync(name, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Network {Network} was on {Old}; replacing it with {New}")]
    private partial void LogNetworkReplaced(string network, string old, string @new);
}
