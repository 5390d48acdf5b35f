using Satama.Core.Model;
using Satama.Master.AgentLink;

namespace Satama.Master.Tests.AgentLink;

public sealed class SpecHashTests
{
    private static readonly ServiceSpec s_web = new()
    {
        Grid = "g",
        Name = "web",
        Image = "nginx:1.27",
        Env = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" },
        Ports = [new PortMapping(8080, 80), new PortMapping(53, 53, "udp")],
        Command = ["nginx", "-g", "daemon off;"],
    };

    [Fact]
    public void Equal_specs_hash_equally_whatever_the_order_of_env_and_ports()
    {
        var reordered = s_web with
        {
            Env = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" },
            Ports = [new PortMapping(53, 53, "udp"), new PortMapping(8080, 80)],
        };

        Assert.Equal(SpecHash.Of(s_web), SpecHash.Of(reordered));
    }

    [Fact]
    public void Scaling_does_not_change_the_hash()
    {
        Assert.Equal(SpecHash.Of(s_web), SpecHash.Of(s_web with { Instances = 7 }));
    }

    [Fact]
    public void Everything_that_shapes_the_container_changes_the_hash()
    {
        var variants = new[]
        {
            s_web with { Image = "nginx:1.28" },
            s_web with { Command = ["nginx"] },
            s_web with { Env = new Dictionary<string, string> { ["A"] = "1", ["B"] = "3" } },
            s_web with { Ports = [new PortMapping(8081, 80)] },
            s_web with { Restart = RestartPolicy.No },
            s_web with { Revision = 2 },
        };

        var hashes = variants.Select(SpecHash.Of).Append(SpecHash.Of(s_web)).ToList();

        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public void A_command_split_differently_hashes_differently()
    {
        Assert.NotEqual(SpecHash.Of(s_web with { Command = ["a b"] }), SpecHash.Of(s_web with { Command = ["a", "b"] }));
    }
}
