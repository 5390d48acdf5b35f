using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackPlacementMapperTests
{
    private static PlacementSpec Map(string service, List<string>? notes = null)
    {
        var result = StackFile.Parse($"""
            name: shop
            services:
              web:
                image: nginx
            {service}
            """, "s.yml");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return StackPlacementMapper.ToPlacement(result.Stack!.Service("web")!, notes);
    }

    [Fact]
    public void A_service_without_scheduling_fields_gets_the_default_placement()
    {
        var placement = Map("");

        Assert.Equal(PlacementStrategy.Ha, placement.Strategy);
        Assert.Empty(placement.Affinity);
        Assert.Equal((0d, 0L, false), (placement.Cpus, placement.MemoryBytes, placement.Stateful));
    }

    [Fact]
    public void Strategy_affinity_and_stateful_map_from_kontena_fields()
    {
        var placement = Map("""
                deploy: {strategy: random}
                stateful: true
                affinity: ["label==az=a", "service!=db"]
            """);

        Assert.Equal(PlacementStrategy.Random, placement.Strategy);
        Assert.True(placement.Stateful);
        Assert.Equal(["label==az=a", "service!=db"], placement.Affinity);
    }

    [Fact]
    public void Global_mode_is_the_daemon_strategy()
    {
        Assert.Equal(PlacementStrategy.Daemon, Map("""
                deploy:
                  mode: global
            """).Strategy);
    }

    [Fact]
    public void Compose_constraints_and_reservations_map_onto_rules_and_bytes()
    {
        var notes = new List<string>();

        var placement = Map("""
                deploy:
                  placement:
                    constraints: ["node.labels.az == a", "node.hostname != n1"]
                  resources:
                    reservations: {cpus: "0.5", memory: 512M}
            """, notes);

        Assert.Equal(["label==az=a", "node!=n1"], placement.Affinity);
        Assert.Equal(0.5, placement.Cpus);
        Assert.Equal(512L << 20, placement.MemoryBytes);
        Assert.Empty(PlacementValidator.Validate(placement));
    }

    [Theory]
    [InlineData("512m", 512L << 20)]
    [InlineData("2g", 2L << 30)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("100", 100)]
    [InlineData("100b", 100)]
    [InlineData("64k", 64L << 10)]
    [InlineData("nonsense", 0)]
    [InlineData(null, 0)]
    public void Sizes_read_as_docker_reads_them(string? size, long bytes)
    {
        Assert.Equal(bytes, StackPlacementMapper.Bytes(size));
    }
}
