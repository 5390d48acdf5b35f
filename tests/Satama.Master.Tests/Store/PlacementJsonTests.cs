using Satama.Core.Model;
using Satama.Master.Store;

namespace Satama.Master.Tests.Store;

/// <summary>Service specs keep their placement through the store, and rows written before it existed read as the default.</summary>
public sealed class PlacementJsonTests
{
    [Fact]
    public void A_placement_round_trips_through_the_store_json()
    {
        var spec = new ServiceSpec
        {
            Grid = "g",
            Name = "web",
            Image = "nginx",
            Placement = new PlacementSpec
            {
                Strategy = PlacementStrategy.Daemon,
                Affinity = ["label==az=a", "service!=db"],
                Cpus = 0.5,
                MemoryBytes = 1L << 30,
                Stateful = true,
                GracePeriod = TimeSpan.FromMinutes(2),
            },
        };

        var json = StoreJson.Write(spec);
        var back = StoreJson.Read<ServiceSpec>(json);

        Assert.Contains("\"strategy\":\"daemon\"", json, StringComparison.Ordinal);
        Assert.Equal(spec.Placement.Strategy, back.Placement.Strategy);
        Assert.Equal(spec.Placement.Affinity, back.Placement.Affinity);
        Assert.Equal((0.5, 1L << 30, true, TimeSpan.FromMinutes(2)), (back.Placement.Cpus, back.Placement.MemoryBytes, back.Placement.Stateful, back.Placement.GracePeriod));
    }

    [Fact]
    public void A_spec_stored_without_placement_reads_with_the_default()
    {
        var back = StoreJson.Read<ServiceSpec>("""{"grid":"g","stack":"null","name":"web","image":"nginx","instances":2}""");

        Assert.Equal(PlacementStrategy.Ha, back.Placement.Strategy);
        Assert.Empty(back.Placement.Affinity);
        Assert.Null(back.Placement.GracePeriod);
        Assert.Empty(ServiceValidator.Validate(back));
    }
}
