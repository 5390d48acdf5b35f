using System.Collections.Concurrent;

namespace Satama.Master.AgentLink;

/// <summary>The live agent links, one per (grid, node name). A new link with the same name replaces the old one.</summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<(string Grid, string Node), NodeConnection> _links = new();

    public NodeConnection? Find(string grid, string node) => _links.TryGetValue((grid, node), out var link) ? link : null;

    public bool IsOnline(string grid, string node) => _links.ContainsKey((grid, node));

    /// <summary>Makes <paramref name="link"/> the node's link and returns the one it replaced, if any.</summary>
    public NodeConnection? Register(NodeConnection link)
    {
        NodeConnection? replaced = null;
        _links.AddOrUpdate((link.Grid, link.Node), link, (_, old) =>
        {
            replaced = old;
            return link;
        });
        return replaced;
    }

    /// <summary>Removes the link if it is still the node's current one; false when a newer link took over.</summary>
    public bool Remove(NodeConnection link) =>
        _links.TryRemove(new KeyValuePair<(string, string), NodeConnection>((link.Grid, link.Node), link));
}
