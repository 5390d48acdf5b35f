using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class PlacementValidatorTests
{
    [Fact]
    public void The_default_placement_is_valid()
    {
        Assert.Empty(PlacementValidator.Validate(PlacementSpec.Default));
    }

    [Fact]
    public void A_full_placement_is_valid()
    {
        var placement = new PlacementSpec
        {
            Strategy = PlacementStrategy.Daemon,
            Affinity = ["label==az=a", "node.labels.disk==ssd", "service!=db", "node.role==manager"],
            Cpus = 0.5,
            MemoryBytes = 1L << 30,
            Stateful = true,
            GracePeriod = TimeSpan.FromMinutes(5),
        };

        Assert.Empty(PlacementValidator.Validate(placement));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var placement = new PlacementSpec
        {
            Strategy = (PlacementStrategy)7,
            Affinity = ["host==a", "node=~(["],
            Cpus = -1,
            MemoryBytes = -5,
            GracePeriod = TimeSpan.FromSeconds(-1),
        };

        var errors = PlacementValidator.Validate(placement);

        Assert.Equal(6, errors.Count);
        Assert.Contains(errors, e => e.Contains("strategy must be ha, random or daemon", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'host==a'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("invalid regular expression", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("cpu reservation must be from 0 to 1024 CPUs, not -1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("memory reservation must not be negative", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("grace period must be from 0 s to 7 days, not -1 s", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1025)]
    public void Cpu_reservations_out_of_range_are_refused(double cpus)
    {
        Assert.Single(PlacementValidator.Validate(new PlacementSpec { Cpus = cpus }));
    }

    [Fact]
    public void A_grace_period_over_a_week_is_refused()
    {
        Assert.Single(PlacementValidator.Validate(new PlacementSpec { GracePeriod = TimeSpan.FromDays(8) }));
    }

    [Fact]
    public void A_missing_placement_is_refused()
    {
        Assert.Equal(["placement is missing"], PlacementValidator.Validate(null));
    }

    [Fact]
    public void The_service_validator_reports_placement_problems_with_the_rest()
    {
        var spec = new ServiceSpec
        {
            Grid = "g",
            Name = "web",
            Image = "busybox",
            Instances = -1,
            Placement = new PlacementSpec { Affinity = ["nope"] },
        };

        var errors = ServiceValidator.Validate(spec);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("affinity rule 'nope'", StringComparison.Ordinal));
    }
}
