using System.Net;
using Satama.Core.Overlay;

namespace Satama.Core.Tests.Overlay;

public sealed class OverlaySubnetsTests
{
    private static readonly IPNetwork s_grid = OverlaySubnets.Parse("10.90.0.0/16")!.Value;

    [Fact]
    public void A_16_holds_256_node_subnets_in_order()
    {
        Assert.Equal(256, OverlaySubnets.Capacity(s_grid));
        Assert.Equal("10.90.0.0/24", OverlaySubnets.NodeSubnet(s_grid, 0).ToString());
        Assert.Equal("10.90.3.0/24", OverlaySubnets.NodeSubnet(s_grid, 3).ToString());
        Assert.Equal("10.90.255.0/24", OverlaySubnets.NodeSubnet(s_grid, 255).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => OverlaySubnets.NodeSubnet(s_grid, 256));
    }

    [Fact]
    public void The_gateway_is_the_first_host_address()
    {
        Assert.Equal("10.90.3.1", OverlaySubnets.Gateway(OverlaySubnets.NodeSubnet(s_grid, 3)).ToString());
    }

    [Theory]
    [InlineData("10.90.0.0/16", 256)]
    [InlineData("10.0.0.0/8", 65536)]
    [InlineData("192.168.4.0/22", 4)]
    [InlineData("192.168.4.0/24", 1)]
    [InlineData("192.168.4.16/28", 1)]
    public void Capacity_follows_the_prefix(string cidr, int capacity) =>
        Assert.Equal(capacity, OverlaySubnets.Capacity(OverlaySubnets.Parse(cidr)!.Value));

    [Fact]
    public void A_grid_smaller_than_a_24_is_the_one_node_subnet()
    {
        var small = OverlaySubnets.Parse("192.168.4.16/28")!.Value;
        Assert.Equal("192.168.4.16/28", OverlaySubnets.NodeSubnet(small, 0).ToString());
    }

    [Theory]
    [InlineData("10.90.7.9/16", "10.90.0.0/16")]
    [InlineData(" 10.90.0.0/16 ", "10.90.0.0/16")]
    public void Parse_normalizes(string text, string expected) => Assert.Equal(expected, OverlaySubnets.Parse(text)!.Value.ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("10.90.0.0")]
    [InlineData("fd00::/64")]
    [InlineData("nonsense/8")]
    public void Parse_rejects_what_is_not_ipv4_cidr(string? text) => Assert.Null(OverlaySubnets.Parse(text));

    [Fact]
    public void A_node_keeps_its_index()
    {
        var taken = new Dictionary<string, int> { ["a"] = 0, ["b"] = 5 };
        Assert.Equal(5, OverlaySubnets.Allocate(taken, "b", 256));
    }

    [Fact]
    public void A_new_node_gets_the_lowest_free_index_so_a_removed_nodes_subnet_is_reused()
    {
        var taken = new Dictionary<string, int> { ["a"] = 0, ["c"] = 2 };
        Assert.Equal(1, OverlaySubnets.Allocate(taken, "new", 256));
        Assert.Equal(3, OverlaySubnets.Allocate(new Dictionary<string, int> { ["a"] = 0, ["b"] = 1, ["c"] = 2 }, "new", 256));
    }

    [Fact]
    public void A_full_grid_has_no_index()
    {
        Assert.Null(OverlaySubnets.Allocate(new Dictionary<string, int> { ["a"] = 0 }, "b", 1));
        Assert.Equal(0, OverlaySubnets.Allocate(new Dictionary<string, int> { ["a"] = 0 }, "a", 1));
    }

    [Fact]
    public void An_index_beyond_a_shrunk_capacity_is_replaced()
    {
        Assert.Equal(0, OverlaySubnets.Allocate(new Dictionary<string, int> { ["a"] = 9 }, "a", 4));
    }
}
