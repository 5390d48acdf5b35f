using Satama.Core.Model;

namespace Satama.Core.Tests.Model;

public sealed class ServiceValidatorTests
{
    private static ServiceSpec Valid() => new() { Grid = "default", Name = "web", Image = "busybox:latest", Instances = 3 };

    [Fact]
    public void A_valid_spec_has_no_problems() => Assert.Empty(ServiceValidator.Validate(Valid()));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var spec = Valid() with
        {
            Name = "Web",
            Image = "BAD IMAGE",
            Instances = -1,
            Ports = [new PortMapping(8080, 80), new PortMapping(8080, 81)],
            Env = new Dictionary<string, string> { ["A=B"] = "x" },
        };

        var errors = ServiceValidator.Validate(spec);

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("service name 'Web'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("invalid image reference", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("not -1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("8080/tcp is published more than once", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'A=B'", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_host_port_on_tcp_and_udp_is_allowed()
    {
        var spec = Valid() with { Ports = [new PortMapping(53, 53, "tcp"), new PortMapping(53, 53, "udp")] };

        Assert.Empty(ServiceValidator.Validate(spec));
    }

    [Fact]
    public void Zero_instances_is_a_valid_stopped_service() => Assert.Empty(ServiceValidator.Validate(Valid() with { Instances = 0 }));

    [Fact]
    public void Qualified_name_joins_stack_and_service() => Assert.Equal("null/web", Valid().QualifiedName);
}
