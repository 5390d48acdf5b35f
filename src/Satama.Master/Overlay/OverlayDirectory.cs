using System.Net;
using Microsoft.Extensions.Logging;
using Satama.Core.Deploys;
using Satama.Core.Model;
using Satama.Core.Overlay;
using Satama.Master.AgentLink;
using Satama.Master.Store;
using Satama.Protocol;

namespace Satama.Master.Overlay;

/// <summary>
/// The grid's overlay as the master knows it: one /24 per node (stable, kept in the store),
/// each node's WireGuard key and endpoint, and the service discovery records derived from the
/// reported containers. Each agent link gets its node's <see cref="OverlayConfig"/> and the grid's
/// <see cref="DnsRecords"/> on connect and again whenever a store change alters them.
/// </summary>
internal sealed partial class OverlayDirectory(IStore store, ILogger<OverlayDirectory> logger)
{
    public const string Kind = "overlay-node";
    public const int DefaultPort = 51820;
    private const int MaxAttempts = 20;

    // One registration at a time: two nodes joining together would otherwise pick the same index.
    private readonly SemaphoreSlim _registering = new(1, 1);

    /// <summary>Gives the node its subnet (keeping the one it has) and records its WireGuard identity.</summary>
    public async Task<OverlayNodeDocument?> RegisterAsync(string grid, NodeInfo info, string? peer, CancellationToken ct)
    {
        await _registering.WaitAsync(ct);
        try
        {
            return await RegisterOnceAsync(grid, info, peer, ct);
        }
        finally
        {
            _registering.Release();
        }
    }

    private async Task<OverlayNodeDocument?> RegisterOnceAsync(string grid, NodeInfo info, string? peer, CancellationToken ct)
    {
        var gridRow = await store.GetAsync(ResourceKinds.Grid, "", grid, ct);
        if (gridRow is null || OverlaySubnets.Parse(StoreJson.Read<GridDocument>(gridRow.Spec).Subnet) is not { } cidr)
        {
            return null;
        }
        var endpoint = Endpoint(info, peer);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var taken = await TakenAsync(grid, ct);
            var mine = await store.GetAsync(Kind, grid, info.Name, ct);
            var index = OverlaySubnets.Allocate(taken, info.Name, OverlaySubnets.Capacity(cidr));
            if (index is null)
            {
                LogGridFull(grid, info.Name, cidr.ToString());
                return null;
            }
            var document = new OverlayNodeDocument(index.Value, info.OverlayPublicKey, endpoint);
            var spec = StoreJson.Write(document);
            if (mine is not null && mine.Spec == spec)
            {
                return document;
            }
            // Another node may take the same index at the same moment: the later write sees it and retries.
            var written = mine is null
                ? await store.CreateAsync(Kind, grid, info.Name, spec, "{}", ct)
                : await store.UpdateAsync(Kind, grid, info.Name, mine.Revision, spec, null, ct);
            if (written is not null && (await TakenAsync(grid, ct)).Count(t => t.Value == index.Value) == 1)
            {
                LogAssigned(info.Name, grid, OverlaySubnets.NodeSubnet(cidr, index.Value).ToString());
                return document;
            }
            if (written is not null)
            {
                // Lost a race for the index: give it up and pick again.
                await store.DeleteAsync(Kind, grid, info.Name, written.Revision, ct);
            }
        }
        throw new InvalidOperationException($"could not assign an overlay subnet to node '{info.Name}' of grid '{grid}'");
    }

    /// <summary>The node's overlay: its subnet and every other node of the grid with a key as a peer; null without one.</summary>
    public async Task<OverlayConfig?> BuildConfigAsync(string grid, string node, CancellationToken ct)
    {
        var gridRow = await store.GetAsync(ResourceKinds.Grid, "", grid, ct);
        if (gridRow is null || OverlaySubnets.Parse(StoreJson.Read<GridDocument>(gridRow.Spec).Subnet) is not { } cidr)
        {
            return null;
        }
        var members = await MembersAsync(grid, ct);
        if (!members.TryGetValue(node, out var mine))
        {
            return null;
        }
        var config = new OverlayConfig
        {
            GridSubnet = cidr.ToString(),
            NodeSubnet = OverlaySubnets.NodeSubnet(cidr, mine.Index).ToString(),
        };
        foreach (var (name, peer) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (name == node || peer.PublicKey.Length == 0 || peer.Endpoint.Length == 0 || peer.Index >= OverlaySubnets.Capacity(cidr))
            {
                continue;
            }
            config.Peers.Add(new OverlayPeer
            {
                Node = name,
                PublicKey = peer.PublicKey,
                Endpoint = peer.Endpoint,
                Subnet = OverlaySubnets.NodeSubnet(cidr, peer.Index).ToString(),
            });
        }
        return config;
    }

    /// <summary>
    /// The grid's discovery records: instances of online nodes that run, are healthy and are in their service's
    /// serving set (still wanted, not being drained by a rollout), and every service (so an idle one answers empty,
    /// not NXDOMAIN).
    /// </summary>
    public async Task<DnsRecords> BuildDnsAsync(string grid, CancellationToken ct)
    {
        var records = new DnsRecords { Grid = grid };
        var serving = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in (await store.ListAsync(ResourceKinds.Service, grid, ct)).OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var spec = StoreJson.Read<ServiceSpec>(row.Spec);
            records.Services.Add(new Protocol.DnsService { Stack = spec.Stack, Service = spec.Name });
            var status = StoreJson.Read<ServiceStatusDocument>(row.Status);
            serving.UnionWith(RolloutDesired.Serving(spec, status.Assignments, status.Deployment));
        }
        var instances = new List<Protocol.DnsInstance>();
        foreach (var row in await store.ListAsync(ResourceKinds.Node, grid, ct))
        {
            var status = StoreJson.Read<NodeStatusDocument>(row.Status);
            if (!status.Online)
            {
                continue;
            }
            foreach (var c in status.Containers)
            {
                if (c.State == "running" && c.Health == "healthy" && serving.Contains(c.Name) && !string.IsNullOrEmpty(c.IpAddress))
                {
                    instances.Add(new Protocol.DnsInstance
                    {
                        Stack = c.Stack.Length > 0 ? c.Stack : Names.NullStack,
                        Service = c.Service,
                        Instance = InstanceNames.Instance(c.Service, c.Instance),
                        Address = c.IpAddress,
                    });
                }
            }
        }
        records.Instances.AddRange(instances
            .OrderBy(i => i.Stack, StringComparer.Ordinal)
            .ThenBy(i => i.Service, StringComparer.Ordinal)
            .ThenBy(i => i.Instance, StringComparer.Ordinal)
            .ThenBy(i => i.Address, StringComparer.Ordinal));
        return records;
    }

    /// <summary>Sends the node's overlay and the grid's records now and after every store change that alters them.</summary>
    public async Task PushAsync(NodeConnection connection, CancellationToken ct)
    {
        OverlayConfig? lastConfig = null;
        DnsRecords? lastDns = null;
        while (!ct.IsCancellationRequested)
        {
            var seen = store.Changes.Sequence;
            if (await BuildConfigAsync(connection.Grid, connection.Node, ct) is { } config && !config.Equals(lastConfig))
            {
                lastConfig = config;
                connection.Send(new MasterMessage { OverlayConfig = config });
            }
            var dns = await BuildDnsAsync(connection.Grid, ct);
            if (!dns.Equals(lastDns))
            {
                lastDns = dns;
                connection.Send(new MasterMessage { DnsRecords = dns });
            }
            await store.Changes.WaitAsync(seen, ct);
        }
    }

    private async Task<Dictionary<string, OverlayNodeDocument>> MembersAsync(string grid, CancellationToken ct)
    {
        var nodes = (await store.ListAsync(ResourceKinds.Node, grid, ct)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var members = new Dictionary<string, OverlayNodeDocument>(StringComparer.Ordinal);
        foreach (var row in await store.ListAsync(Kind, grid, ct))
        {
            // A removed node's row no longer holds its subnet.
            if (nodes.Contains(row.Name))
            {
                members[row.Name] = StoreJson.Read<OverlayNodeDocument>(row.Spec);
            }
        }
        return members;
    }

    // Registration runs after the node row exists, so only rows of existing nodes hold an index.
    private async Task<Dictionary<string, int>> TakenAsync(string grid, CancellationToken ct)
    {
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, doc) in await MembersAsync(grid, ct))
        {
            taken[name] = doc.Index;
        }
        return taken;
    }

    /// <summary>The node's WireGuard endpoint: its announced address, else the address its link came from.</summary>
    internal static string Endpoint(NodeInfo info, string? peer)
    {
        if (info.OverlayPublicKey.Length == 0)
        {
            return "";
        }
        var port = info.OverlayPort > 0 ? info.OverlayPort : DefaultPort;
        var host = info.Address.Length > 0 ? info.Address : PeerAddress(peer);
        if (host is null || !IPAddress.TryParse(host, out var ip))
        {
            return "";
        }
        return new IPEndPoint(ip, port).ToString();
    }

    /// <summary>The IP of a gRPC peer string ("ipv4:1.2.3.4:5678", "ipv6:[::1]:5678").</summary>
    internal static string? PeerAddress(string? peer)
    {
        if (peer is null)
        {
            return null;
        }
        var colon = peer.IndexOf(':', StringComparison.Ordinal);
        var rest = colon >= 0 ? peer[(colon + 1)..] : peer;
        return IPEndPoint.TryParse(rest, out var endpoint) ? endpoint.Address.ToString() : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} of grid {Grid} has overlay subnet {Subnet}")]
    private partial void LogAssigned(string node, string grid, string subnet);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grid {Grid} has no free overlay subnet for node {Node} in {Cidr}")]
    private partial void LogGridFull(string grid, string node, string cidr);
}
