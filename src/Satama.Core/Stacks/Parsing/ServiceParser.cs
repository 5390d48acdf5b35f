using Satama.Core.Model;
using Satama.Core.Stacks.Model;
using Satama.Core.Stacks.Yaml;

namespace Satama.Core.Stacks.Parsing;

/// <summary>
/// Turns one service mapping (after <c>extends</c> is merged) into a <see cref="StackServiceSpec"/>. Compose
/// and Kontena service keys are read by the same code: satama.yml is their union.
/// </summary>
internal static partial class ServiceParser
{
    public static StackServiceSpec Parse(ParseContext ctx, YamlScalar nameNode, YamlMapping map, string path, string file)
    {
        var name = nameNode.Value;
        ctx.Remember(path, nameNode);
        if (Names.Check("service", name) is { } nameError)
        {
            ctx.Error(nameNode, path, nameError);
        }
        var svc = new StackServiceSpec { Name = name };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map["env_file"] is { } envFiles)
        {
            EnvFiles.Load(ctx, envFiles, ParseContext.Join(path, "env_file"), file, environment);
        }
        foreach (var (keyNode, value) in map.Entries)
        {
            var key = keyNode.Value;
            var p = ParseContext.Join(path, key);
            ctx.Remember(p, value);
            svc = key switch
            {
                "image" => svc with { Image = NodeReader.String(ctx, value, p) },
                "command" => svc with { Command = NodeReader.Command(ctx, value, p) },
                "entrypoint" => svc with { Entrypoint = NodeReader.Command(ctx, value, p) },
                "environment" => ReadEnvironment(ctx, value, p, environment, svc),
                "ports" => svc with { Ports = ReadPorts(ctx, value, p) },
                "expose" => svc with { Expose = ReadExpose(ctx, value, p) },
                "volumes" => svc with { Volumes = ReadVolumes(ctx, value, p) },
                "networks" => svc with { Networks = ReadNetworks(ctx, value, p) },
                "depends_on" => svc with { DependsOn = ReadDependsOn(ctx, value, p) },
                "links" => svc with { Links = NodeReader.StringList(ctx, value, p) },
                "external_links" => svc with { ExternalLinks = NodeReader.StringList(ctx, value, p) },
                "labels" => svc with { Labels = NodeReader.StringMap(ctx, value, p) },
                "healthcheck" => svc with { HealthCheck = ReadHealthcheck(ctx, value, p) },
                "health_check" => svc with { HealthCheck = ReadKontenaHealthCheck(ctx, value, p) },
                "restart" => svc with { Restart = ReadRestart(ctx, value, p) },
                "init" => svc with { Init = NodeReader.Bool(ctx, value, p) },
                "user" => svc with { User = NodeReader.String(ctx, value, p) },
                "working_dir" => svc with { WorkingDir = NodeReader.String(ctx, value, p) },
                "hostname" => svc with { Hostname = NodeReader.String(ctx, value, p) },
                "dns" => svc with { Dns = NodeReader.StringList(ctx, value, p) },
                "dns_search" => svc with { DnsSearch = NodeReader.StringList(ctx, value, p) },
                "extra_hosts" => svc with { ExtraHosts = ReadExtraHosts(ctx, value, p) },
                "devices" => svc with { Devices = NodeReader.StringList(ctx, value, p, single: false) },
                "cap_add" => svc with { CapAdd = NodeReader.StringList(ctx, value, p, single: false) },
                "cap_drop" => svc with { CapDrop = NodeReader.StringList(ctx, value, p, single: false) },
                "privileged" => svc with { Privileged = NodeReader.Bool(ctx, value, p) },
                "read_only" => svc with { ReadOnly = NodeReader.Bool(ctx, value, p) },
                "pid" => svc with { Pid = NodeReader.String(ctx, value, p) },
                "tmpfs" => svc with { Tmpfs = NodeReader.StringList(ctx, value, p) },
                "shm_size" => svc with { ShmSize = NodeReader.Size(ctx, value, p) },
                "sysctls" => svc with { Sysctls = NodeReader.StringMap(ctx, value, p) },
                "ulimits" => svc with { Ulimits = ReadUlimits(ctx, value, p) },
                "cpus" => svc with { Cpus = ReadCpus(ctx, value, p) },
                "cpu_shares" => svc with { CpuShares = NodeReader.Int(ctx, value, p, 2, 262144) },
                "mem_limit" => svc with { MemLimit = NodeReader.Size(ctx, value, p) },
                "stop_grace_period" => svc with { StopGracePeriod = ReadStopGracePeriod(ctx, value, p) },
                "stop_signal" => svc with { StopSignal = ReadStopSignal(ctx, value, p) },
                "logging" => svc with { Logging = ReadLogging(ctx, value, p) },
                "log_driver" => svc with { Logging = new LoggingSpec(NodeReader.String(ctx, value, p), svc.Logging?.Options ?? ValueMap<string>.Empty) },
                "log_opt" => svc with { Logging = new LoggingSpec(svc.Logging?.Driver, NodeReader.StringMap(ctx, value, p)) },
                "profiles" => svc with { Profiles = NodeReader.StringList(ctx, value, p, single: false) },
                "secrets" => svc with { Secrets = ReadSecrets(ctx, value, p, kontenaAllowed: true) },
                "configs" => svc with { Configs = ReadSecrets(ctx, value, p, kontenaAllowed: false) },
                "deploy" => ReadDeploy(ctx, value, p, svc),
                "instances" or "scale" => SetInstances(ctx, value, p, svc),
                "stateful" => svc with { Stateful = NodeReader.Bool(ctx, value, p) ?? false },
                "affinity" => svc with { Affinity = new(svc.Affinity.Concat(ReadAffinity(ctx, value, p))) },
                "hooks" => svc with { Hooks = ReadHooks(ctx, value, p) },
                "net" or "network_mode" => svc with { NetworkMode = ReadNetworkMode(ctx, value, p) },
                "lb" => svc with { Lb = ReadLb(ctx, value, p) },
                "env_file" or "extends" or "only_if" or "skip_if" => svc,
                _ => Other(ctx, keyNode, p, svc),
            };
        }
        if (svc.Image is null)
        {
            ctx.Error(nameNode, path, map.Contains("build")
                ? "service has `build` but no `image`: Satama does not build images on install; build and push it, then set `image`"
                : "service has no `image`");
        }
        else if (ImageReference.Check(svc.Image) is { } imageError)
        {
            ctx.Error(map["image"]!, ParseContext.Join(path, "image"), imageError);
        }
        CheckLimits(ctx, map, path, svc);
        CheckSettings(ctx, map, path, svc);
        CheckHostOptions(ctx, map, path, svc);
        return KontenaLb(ctx, nameNode, map, path, svc with { Environment = new(environment) });
    }

    private static StackServiceSpec Other(ParseContext ctx, YamlScalar key, string path, StackServiceSpec svc)
    {
        if (key.Value.StartsWith("x-", StringComparison.Ordinal))
        {
            return svc;
        }
        if (ServiceKeys.Ignored.TryGetValue(key.Value, out var reason))
        {
            ctx.Warn(key, path, $"`{key.Value}` {reason}");
            return svc;
        }
        ctx.Unknown(key, path, ServiceKeys.All, StackSeverity.Warning, "service key");
        return svc;
    }

    private static StackServiceSpec ReadEnvironment(ParseContext ctx, YamlNode value, string path, Dictionary<string, string> environment, StackServiceSpec svc)
    {
        foreach (var (key, text, node, itemPath) in NodeReader.Pairs(ctx, value, path))
        {
            ctx.Remember(itemPath, node);
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                ctx.Error(node, itemPath, $"environment variable name `{key}` is invalid: it must be non-empty without spaces");
                continue;
            }
            if (text is not null)
            {
                environment[key] = text;
            }
            else if (ctx.Passed(key) is { } passed)
            {
                // Compose passes `- KEY` through from the shell that runs it: here, --var or the caller's environment.
                environment[key] = passed;
            }
            else
            {
                ctx.Warn(node, itemPath, $"environment variable `{key}` has no value here and is left out (pass it with --var {key}=...)");
            }
        }
        return svc;
    }

    private static StackServiceSpec SetInstances(ParseContext ctx, YamlNode value, string path, StackServiceSpec svc)
    {
        var n = NodeReader.Int(ctx, value, path, 0, ServiceValidator.MaxInstances);
        if (n is not null && svc.Instances is { } earlier && earlier != n)
        {
            ctx.Error(value, path, $"instances is {n} here but {earlier} elsewhere in the service; keep one");
        }
        return svc with { Instances = n ?? svc.Instances };
    }

    private static string? ReadRestart(ParseContext ctx, YamlNode value, string path)
    {
        var text = NodeReader.String(ctx, value, path);
        if (text is not null && !RestartPolicies.TryParse(text, out _))
        {
            ctx.Error(value, path, $"restart must be always, on-failure, unless-stopped or no, not `{text}`");
            return null;
        }
        return text;
    }

    private static string? ReadNetworkMode(ParseContext ctx, YamlNode value, string path)
    {
        var text = NodeReader.String(ctx, value, path);
        if (text is not null and not ("bridge" or "host" or "none"))
        {
            ctx.Error(value, path, $"network mode must be bridge, host or none, not `{text}`");
            return null;
        }
        return text;
    }
}
