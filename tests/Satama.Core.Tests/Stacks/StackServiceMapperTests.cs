using Satama.Core.Model;
using Satama.Core.Stacks;

namespace Satama.Core.Tests.Stacks;

public sealed class StackServiceMapperTests
{
    [Fact]
    public void Maps_image_instances_env_published_ports_command_and_restart()
    {
        var stack = StackFile.Parse("""
            name: shop
            services:
              web:
                image: nginx:1.27
                command: nginx -g "daemon off;"
                environment: {MODE: prod}
                ports: ["8080:80", "53:53/udp", "9000"]
                deploy:
                  replicas: 2
                  restart_policy: {condition: on-failure}
            """, "s.yml").Stack!;

        var mapping = Assert.Single(StackServiceMapper.ToServiceSpecs(stack, "prod"));

        var spec = mapping.Spec;
        Assert.Equal(("prod", "shop", "web", "nginx:1.27", 2), (spec.Grid, spec.Stack, spec.Name, spec.Image, spec.Instances));
        Assert.Equal("prod", spec.Env["MODE"]);
        Assert.Equal([new PortMapping(8080, 80), new PortMapping(53, 53, "udp")], spec.Ports);
        Assert.Equal(["nginx", "-g", "daemon off;"], spec.Command);
        Assert.Equal(RestartPolicy.OnFailure, spec.Restart);
        Assert.Empty(ServiceValidator.Validate(spec));
        Assert.Contains(mapping.NotEnforced, n => n.StartsWith("ports: container port 9000", StringComparison.Ordinal));
    }

    [Fact]
    public void Services_come_in_start_order()
    {
        var stack = CorpusFile.Stack("c-depends-on.yml");

        var names = StackServiceMapper.ToServiceSpecs(stack, "default").Select(m => m.Spec.Name);

        Assert.Equal(["db", "cache", "api", "web"], names);
    }

    [Fact]
    public void Every_valid_corpus_stack_maps_to_specs_the_core_validator_accepts()
    {
        foreach (var name in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Stacks", "Corpus"), "*.yml").Select(Path.GetFileName))
        {
            var result = CorpusFile.Parse(name!);
            if (!result.Succeeded)
            {
                continue;
            }

            foreach (var mapping in StackServiceMapper.ToServiceSpecs(result.Stack!, "default"))
            {
                Assert.True(ServiceValidator.Validate(mapping.Spec).Count == 0, $"{name}: {string.Join("; ", ServiceValidator.Validate(mapping.Spec))}");
            }
        }
    }

    [Fact]
    public void Keys_the_skeleton_does_not_run_yet_are_listed()
    {
        var stack = CorpusFile.Stack("c-full-service.yml");

        var notes = StackServiceMapper.ToServiceSpec(stack, stack.Service("web")!, "g").NotEnforced;

        Assert.DoesNotContain("entrypoint", notes);
        Assert.DoesNotContain("healthcheck", notes);
        Assert.DoesNotContain("volumes", notes);
        Assert.Equal(RestartPolicy.Always, StackServiceMapper.ToServiceSpec(stack, stack.Service("web")!, "g").Spec.Restart);
    }

    [Fact]
    public void A_compose_healthcheck_becomes_the_services_health_check()
    {
        var stack = CorpusFile.Stack("c-full-service.yml");

        var spec = StackServiceMapper.ToServiceSpec(stack, stack.Service("web")!, "g").Spec;

        Assert.NotNull(spec.Health);
        Assert.Equal(HealthCheckType.Command, spec.Health.Type);
        Assert.Equal(["wget", "-q", "-O-", "http://localhost/"], spec.Health.Command);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Health.Interval);
        Assert.DoesNotContain(ServiceValidator.Validate(spec), e => e.Contains("health", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Global_mode_runs_one_instance_per_node_as_a_daemon()
    {
        var stack = CorpusFile.Stack("c-deploy.yml");

        var agent = StackServiceMapper.ToServiceSpec(stack, stack.Service("agent")!, "g");

        Assert.Equal(1, agent.Spec.Instances);
        Assert.Equal(PlacementStrategy.Daemon, agent.Spec.Placement.Strategy);
        Assert.DoesNotContain(agent.NotEnforced, n => n.StartsWith("deploy.strategy daemon", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kontena_daemon_with_instances_runs_that_many_per_node()
    {
        var stack = StackFile.Parse("""
            name: ops
            services:
              agent:
                image: busybox
                instances: 2
                deploy: {strategy: daemon}
            """, "s.yml").Stack!;

        var agent = StackServiceMapper.ToServiceSpec(stack, stack.Service("agent")!, "g").Spec;

        Assert.Equal((2, PlacementStrategy.Daemon), (agent.Instances, agent.Placement.Strategy));
    }
}
