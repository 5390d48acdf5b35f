using System.Net;
using System.Net.Sockets;

namespace Satama.Core.Overlay;

/// <summary>
/// The grid's overlay CIDR split into one /24 per node. Pure: the master keeps each node's
/// index in its store, so a node keeps its subnet across restarts, and the index of a removed
/// node is free again for the next one.
/// </summary>
public static class OverlaySubnets
{
    public const int NodePrefix = 24;

    /// <summary>An IPv4 network in CIDR form, normalized to its base address; null otherwise.</summary>
    public static IPNetwork? Parse(string? cidr) =>
        IPNetwork.TryParse(cidr?.Trim(), out var network) && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            ? new IPNetwork(network.BaseAddress, network.PrefixLength)
            : null;

    /// <summary>How many node subnets the grid holds (a grid smaller than a /24 holds one node).</summary>
    public static int Capacity(IPNetwork grid) => grid.PrefixLength >= NodePrefix ? 1 : 1 << (NodePrefix - grid.PrefixLength);

    /// <summary>The subnet of the node with this index (0-based, below <see cref="Capacity"/>).</summary>
    public static IPNetwork NodeSubnet(IPNetwork grid, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity(grid));
        if (grid.PrefixLength >= NodePrefix)
        {
            return grid;
        }
        var start = ToUInt(grid.BaseAddress) + ((uint)index << (32 - NodePrefix));
        return new IPNetwork(ToAddress(start), NodePrefix);
    }

    /// <summary>The first host address of a subnet: the bridge's gateway, where the node's DNS answers.</summary>
    public static IPAddress Gateway(IPNetwork subnet) => ToAddress(ToUInt(subnet.BaseAddress) + 1);

    /// <summary>
    /// The index for <paramref name="node"/>: the one it holds in <paramref name="taken"/>, else the
    /// lowest free one; null when the grid is full.
    /// </summary>
    public static int? Allocate(IReadOnlyDictionary<string, int> taken, string node, int capacity)
    {
        if (taken.TryGetValue(node, out var held) && held >= 0 && held < capacity)
        {
            return held;
        }
        var used = taken.Where(t => t.Key != node).Select(t => t.Value).ToHashSet();
        for (var i = 0; i < capacity; i++)
        {
            if (!used.Contains(i))
            {
                return i;
            }
        }
        return null;
    }

    private static uint ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static IPAddress ToAddress(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}
