using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackRuntimeLimitsTests
{
    private static StackServiceMapping Map(string yaml)
    {
        var result = StackFile.Parse(yaml, "s.yml");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return Assert.Single(StackServiceMapper.ToServiceSpecs(result.Stack!, "default"));
    }

    private static IReadOnlyList<StackDiagnostic> Errors(string yaml)
    {
        var result = StackFile.Parse(yaml, "s.yml");
        Assert.False(result.Succeeded);
        return [.. result.Errors];
    }

    [Fact]
    public void Mem_limit_cpus_and_cpu_shares_map_to_the_runtime_and_are_enforced()
    {
        var mapping = Map("""
            name: shop
            services:
              web:
                image: nginx
                mem_limit: 512m
                cpus: 0.5
                cpu_shares: 512
            """);

        var runtime = mapping.Spec.Runtime;
        Assert.Equal((512L << 20, 500_000_000L, 512L), (runtime.MemoryBytes, runtime.NanoCpus, runtime.CpuShares));
        Assert.DoesNotContain(mapping.NotEnforced, n => n is "mem_limit" or "cpus" or "cpu_shares" or "deploy.resources.limits");
        Assert.Empty(ServiceValidator.Validate(mapping.Spec));
    }

    [Fact]
    public void Deploy_resource_limits_map_to_the_runtime_and_reservations_stay_with_placement()
    {
        var spec = Map("""
            name: shop
            services:
              web:
                image: nginx
                deploy:
                  resources:
                    limits: {cpus: "1.5", memory: 1G}
                    reservations: {cpus: "0.25", memory: 128M}
            """).Spec;

        Assert.Equal((1L << 30, 1_500_000_000L), (spec.Runtime.MemoryBytes, spec.Runtime.NanoCpus));
        Assert.Equal((0.25, 128L << 20), (spec.Placement.Cpus, spec.Placement.MemoryBytes));
    }

    [Fact]
    public void Without_limits_the_runtime_has_none()
    {
        var runtime = Map("name: shop\nservices: {web: {image: nginx, deploy: {resources: {reservations: {memory: 64m}}}}}").Spec.Runtime;

        Assert.Equal((0L, 0L, 0L), (runtime.MemoryBytes, runtime.NanoCpus, runtime.CpuShares));
        Assert.True(runtime.IsDefault);
    }

    [Fact]
    public void The_same_limit_written_twice_is_accepted_and_different_ones_are_an_error_at_mem_limit()
    {
        Assert.Equal(512L << 20, Map("name: shop\nservices: {web: {image: a, mem_limit: 512m, deploy: {resources: {limits: {memory: 512M}}}}}").Spec.Runtime.MemoryBytes);

        var errors = Errors("""
            name: shop
            services:
              web:
                image: a
                mem_limit: 512m
                cpus: 1
                deploy:
                  resources:
                    limits: {memory: 1g, cpus: "2"}
            """);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => (e.Line, e.Column, e.Path) == (5, 16, "services.web.mem_limit") && e.Message.Contains("keep one", StringComparison.Ordinal));
        Assert.Contains(errors, e => (e.Line, e.Column, e.Path) == (6, 11, "services.web.cpus") && e.Message.Contains("keep one", StringComparison.Ordinal));
    }

    [Fact]
    public void A_memory_limit_under_6m_and_a_cpu_limit_under_a_hundredth_are_errors_where_they_are_written()
    {
        var errors = Errors("""
            name: shop
            services:
              web:
                image: a
                mem_limit: 4m
              api:
                image: a
                deploy:
                  resources:
                    limits: {cpus: "0.001", memory: 1k}
            """);

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => (e.Line, e.Path) == (5, "services.web.mem_limit") && e.Message.Contains("at least 6m", StringComparison.Ordinal));
        Assert.Contains(errors, e => (e.Line, e.Path) == (10, "services.api.deploy.resources.limits.memory"));
        Assert.Contains(errors, e => (e.Line, e.Path) == (10, "services.api.deploy.resources.limits.cpus") && e.Message.Contains("at least 0.01", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_memory_size_is_an_error_at_its_position()
    {
        var error = Assert.Single(Errors("name: shop\nservices:\n  web:\n    image: a\n    mem_limit: lots\n"));

        Assert.Equal((5, 16, "services.web.mem_limit"), (error.Line, error.Column, error.Path));
    }

    [Fact]
    public void The_validator_refuses_limits_docker_would_refuse()
    {
        var errors = RuntimeValidator.Validate(new RuntimeSpec { MemoryBytes = 1024, NanoCpus = -1, CpuShares = 1 });

        Assert.Equal(3, errors.Count);
        Assert.Empty(RuntimeValidator.Validate(new RuntimeSpec { MemoryBytes = 6L << 20, NanoCpus = 10_000_000, CpuShares = 2 }));
    }
}
