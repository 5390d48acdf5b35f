using Satama.Core.Stacks;
using Satama.Core.Stacks.Model;

namespace Satama.Core.Tests.Stacks;

public sealed class ComposeParsingTests
{
    [Fact]
    public void Short_port_syntax_covers_host_ip_protocol_and_ranges()
    {
        var ports = CorpusFile.Stack("c-ports-short.yml").Service("web")!.Ports;

        Assert.Equal(
        [
            new StackPort(80), new StackPort(80, 8080), new StackPort(443, 8443), new StackPort(53, 53, "udp"),
            new StackPort(9090, 9090, "tcp", "127.0.0.1"), new StackPort(9091, null, "tcp", "127.0.0.1"),
            new StackPort(7000, 7000), new StackPort(7001, 7001), new StackPort(7002, 7002),
        ], ports);
    }

    [Fact]
    public void Long_port_syntax_reads_every_field()
    {
        var ports = CorpusFile.Stack("c-ports-long.yml").Service("web")!.Ports;

        Assert.Equal([new StackPort(80, 8080, "tcp", null, "ingress"), new StackPort(53, 5353, "udp", "0.0.0.0", "host"), new StackPort(9000)], ports);
    }

    [Fact]
    public void Volumes_tell_named_bind_anonymous_and_tmpfs_apart()
    {
        var stack = CorpusFile.Stack("c-volumes.yml");

        Assert.Equal(
        [
            new StackVolumeMount("volume", "pgdata", "/var/lib/postgresql/data"),
            new StackVolumeMount("bind", "/srv/vols/init", "/docker-entrypoint-initdb.d", ReadOnly: true),
            new StackVolumeMount("bind", "/var/run/docker.sock", "/var/run/docker.sock"),
            new StackVolumeMount("volume", null, "/tmp/cache"),
            new StackVolumeMount("volume", "backups", "/backups", ReadOnly: true),
            new StackVolumeMount("bind", "/etc/localtime", "/etc/localtime"),
            new StackVolumeMount("tmpfs", null, "/scratch"),
        ], stack.Service("db")!.Volumes);
        Assert.Equal("nfs", stack.Volumes["backups"].DriverOpts["type"]);
    }

    [Fact]
    public void Environment_as_list_and_map_with_pass_through()
    {
        var stack = CorpusFile.Stack("c-environment-list.yml");

        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["MODE"] = "production", ["EMPTY"] = "", ["WITH_EQUALS"] = "a=b", ["HOST_TOKEN"] = "abc" }, stack.Service("web")!.Environment);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["RETRIES"] = "3", ["DEBUG"] = "false" }, stack.Service("api")!.Environment);
    }

    [Fact]
    public void Env_files_load_in_order_and_environment_wins()
    {
        var env = CorpusFile.Stack("c-env-file.yml").Service("web")!.Environment;

        Assert.Equal<ValueMap<string>>(new Dictionary<string, string>
        {
            ["MODE"] = "production",
            ["QUOTED"] = "hello world",
            ["OVERRIDDEN"] = "from-environment",
            ["SINGLE"] = "single quoted",
            ["INLINE"] = "value",
            ["HASH"] = "a#b",
        }, env);
    }

    [Fact]
    public void Extends_merges_maps_joins_lists_and_lets_the_service_win()
    {
        var stack = CorpusFile.Stack("c-extends-same-file.yml");

        var web = stack.Service("web")!;
        Assert.Equal("shop/base:1", web.Image);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["LOG_LEVEL"] = "debug", ["REGION"] = "eu" }, web.Environment);
        Assert.Equal([new StackPort(80, 8080), new StackPort(443, 8443)], web.Ports);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["tier"] = "backend", ["owner"] = "web-team" }, web.Labels);
        var worker = stack.Service("worker")!;
        Assert.Equal("shop/worker:1", worker.Image);
        Assert.Equal(["work", "--queue", "default"], worker.Command!);
        Assert.Equal("debug", worker.Environment["LOG_LEVEL"]);
    }

    [Fact]
    public void Extends_from_another_file_brings_its_env_file_relative_to_that_file()
    {
        var web = CorpusFile.Stack("c-extends-other-file.yml").Service("web")!;

        Assert.Equal("shop/webapp:3", web.Image);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["COMMON"] = "1", ["EXTRA"] = "yes", ["FROM_COMMON_ENV"] = "1" }, web.Environment);
        Assert.Equal([new StackPort(80)], web.Ports);
    }

    [Fact]
    public void Depends_on_list_and_map_with_conditions()
    {
        var stack = CorpusFile.Stack("c-depends-on.yml");

        Assert.Equal([new ServiceDependency("api")], stack.Service("web")!.DependsOn);
        Assert.Equal([new ServiceDependency("db", ServiceDependency.Healthy), new ServiceDependency("cache")], stack.Service("api")!.DependsOn);
        Assert.Equal(["db", "cache", "api", "web"], DependencyCycles.StartOrder(stack));
    }

    [Fact]
    public void Deploy_maps_replicas_placement_resources_and_policies()
    {
        var stack = CorpusFile.Stack("c-deploy.yml");

        var web = stack.Service("web")!;
        Assert.Equal(3, web.Instances);
        Assert.Equal(["node==node-1", "label!=az=b"], web.Affinity);
        Assert.Equal(new ResourcesSpec(new ResourceSet("0.50", "512M"), new ResourceSet("0.25", "128M")), web.Deploy!.Resources);
        Assert.Equal(new UpdateConfigSpec(2, "10s", "start-first", "rollback", "30s"), web.Deploy.UpdateConfig);
        Assert.Equal(new RestartPolicySpec("on-failure", "5s", 3, "2m"), web.Deploy.RestartPolicy);
        Assert.Equal("daemon", stack.Service("agent")!.Deploy!.Strategy);
    }

    [Fact]
    public void Healthcheck_forms_normalize_to_cmd_lists_or_none()
    {
        var stack = CorpusFile.Stack("c-healthcheck.yml");

        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/ || exit 1"], stack.Service("a")!.HealthCheck!.Test!);
        Assert.Equal("1m", stack.Service("a")!.HealthCheck!.Interval);
        Assert.Equal(5, stack.Service("b")!.HealthCheck!.Retries);
        Assert.Equal(HealthCheckSpec.NoneKind, stack.Service("c")!.HealthCheck!.Kind);
        Assert.Equal(HealthCheckSpec.NoneKind, stack.Service("d")!.HealthCheck!.Kind);
    }

    [Fact]
    public void Anchors_and_merge_keys_work_in_services()
    {
        var stack = CorpusFile.Stack("c-anchors-merge.yml");

        var web = stack.Service("web")!;
        Assert.Equal("on-failure", web.Restart);
        Assert.Equal("nobody", web.User);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["LOG_LEVEL"] = "info", ["EXTRA"] = "1" }, web.Environment);
        Assert.Equal("no", stack.Service("api")!.Restart);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["LOG_LEVEL"] = "info" }, stack.Service("worker")!.Environment);
    }

    [Fact]
    public void Interpolation_uses_vars_then_environment_and_predefined_names()
    {
        var stack = CorpusFile.Stack("c-interpolation.yml");

        var web = stack.Service("web")!;
        Assert.Equal("registry.local:5000/shop/web:1.2.3", web.Image);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string>
        {
            ["STACK_NAME"] = "interp",
            ["GRID_NAME"] = "default",
            ["PLATFORM"] = "satama",
            ["DOLLARS"] = "price: $5",
            ["DEFAULTED"] = "fallback",
            ["EMPTY_COLON"] = "used-when-empty",
            ["EMPTY_DASH"] = "",
            ["NESTED"] = "1.2.3",
            ["ALTERNATE"] = "has-tag",
            ["LONE"] = "cost 5$ and $1",
        }, web.Environment);
    }

    [Fact]
    public void Compose_version_is_the_format_and_is_not_kept()
    {
        Assert.Null(CorpusFile.Stack("c-v3-file.yml").Version);
        Assert.Equal("1.0.0", CorpusFile.Stack("k-minimal.yml").Version);
    }

    [Fact]
    public void V2_logging_keys_become_logging()
    {
        var web = CorpusFile.Stack("c-v2-file.yml").Service("web")!;

        Assert.Equal(new LoggingSpec("syslog", new(new Dictionary<string, string> { ["syslog-address"] = "udp://logs:514" })), web.Logging);
        Assert.Equal(512, web.CpuShares);
        Assert.Equal("bridge", web.NetworkMode);
    }

    [Fact]
    public void A_stack_name_comes_from_the_directory_when_the_file_has_none()
    {
        var result = StackFile.Parse("services:\n  web:\n    image: nginx\n", "projects/My_Shop/docker-compose.yml");

        Assert.True(result.Succeeded);
        Assert.Equal("my-shop", result.Stack!.Name);
    }

    [Fact]
    public void The_name_option_overrides_the_file()
    {
        var result = StackFile.Parse("name: a\nservices:\n  web:\n    image: nginx\n", "s.yml", new StackParseOptions { StackName = "b" });

        Assert.Equal("b", result.Stack!.Name);
    }

    [Fact]
    public void Diagnostics_print_as_file_line_column_path_message()
    {
        var result = StackFile.Parse("name: s\nservices:\n  web:\n    image: nginx\n    ports: [\"80:80\", \"x\"]\n    enviroment: {}\n", "stack.yml");

        Assert.Equal(
        [
            "stack.yml:5:22: services.web.ports[1]: port `x` is not [HOST_IP:][PUBLISHED:]TARGET[/tcp|udp] with ports from 1 to 65535 (e.g. 8080:80)",
            "stack.yml:6:5: warning: services.web.enviroment: unknown service key `enviroment` (did you mean `environment`?)",
        ], result.Diagnostics.Select(d => d.ToString()));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void A_dot_env_file_beside_the_stack_gives_interpolation_defaults_below_the_environment()
    {
        var files = new Dictionary<string, string> { ["app/.env"] = "TAG=1.0\nREGION=eu\n# comment\nbad line\n" };
        var options = new StackParseOptions
        {
            ResolveFile = f => files.GetValueOrDefault(f),
            Environment = new Dictionary<string, string> { ["REGION"] = "us" },
        };

        var result = StackFile.Parse("name: s\nservices:\n  web:\n    image: nginx:${TAG}\n    environment: [REGION, \"ZONE=${REGION}\"]\n", "app/compose.yml", options);

        Assert.Equal("app/.env:4:1: expected KEY=VALUE", Assert.Single(result.Errors).ToString());
        var web = result.Stack!.Service("web")!;
        Assert.Equal("nginx:1.0", web.Image);
        Assert.Equal<ValueMap<string>>(new Dictionary<string, string> { ["REGION"] = "us", ["ZONE"] = "us" }, web.Environment);
    }
}
