namespace Satama.Core.Stacks.Parsing;

/// <summary>The service keys Satama reads, and those it accepts but ignores, each with the reason given to the user.</summary>
internal static class ServiceKeys
{
    public static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "image", "command", "entrypoint", "environment", "env_file", "ports", "expose", "volumes", "networks",
        "depends_on", "extends", "links", "external_links", "labels", "healthcheck", "restart", "init", "user",
        "working_dir", "hostname", "dns", "dns_search", "extra_hosts", "devices", "cap_add", "cap_drop", "privileged",
        "read_only", "pid", "tmpfs", "shm_size", "sysctls", "ulimits", "cpus", "mem_limit", "stop_grace_period",
        "stop_signal", "logging", "profiles", "secrets", "configs", "deploy", "network_mode", "scale",
        // Satama
        "lb",
        // Kontena 1.x
        "instances", "stateful", "affinity", "health_check", "hooks", "log_driver", "log_opt", "cpu_shares",
        "net", "only_if", "skip_if",
    };

    private const string NotHere = "is not supported on a Satama grid and is ignored";

    public static readonly Dictionary<string, string> Ignored = new(StringComparer.Ordinal)
    {
        ["build"] = "is ignored: images are not built on install; build and push the image first (or in a pipeline) and set `image`",
        ["container_name"] = "is ignored: Satama names containers GRID.STACK.SERVICE-N so that instances can be found and replaced",
        ["domainname"] = NotHere,
        ["dns_opt"] = NotHere,
        ["cgroup_parent"] = NotHere,
        ["mac_address"] = NotHere,
        ["isolation"] = NotHere,
        ["userns_mode"] = NotHere,
        ["ipc"] = NotHere,
        ["uts"] = NotHere,
        ["platform"] = "is ignored: the scheduler picks nodes by labels and affinity",
        ["pull_policy"] = "is ignored: the agent always pulls a missing image",
        ["runtime"] = NotHere,
        ["volumes_from"] = "is ignored: containers of a service may run on different nodes; use a named volume",
        ["security_opt"] = NotHere,
        ["oom_score_adj"] = NotHere,
        ["oom_kill_disable"] = NotHere,
        ["stdin_open"] = "is ignored: service containers run detached",
        ["tty"] = "is ignored: service containers run detached",
        ["mem_reservation"] = "is ignored: use deploy.resources.reservations.memory",
        ["memswap_limit"] = NotHere,
        ["mem_swappiness"] = NotHere,
        ["cpu_quota"] = "is ignored: use cpus",
        ["cpu_period"] = "is ignored: use cpus",
        ["cpuset"] = NotHere,
        ["blkio_config"] = NotHere,
        ["group_add"] = NotHere,
        ["annotations"] = NotHere,
        ["credential_spec"] = NotHere,
        ["storage_opt"] = NotHere,
        ["attach"] = NotHere,
        ["develop"] = "is ignored: it is for local development with docker compose",
        ["gpus"] = NotHere,
        ["device_cgroup_rules"] = NotHere,
        ["cgroup"] = NotHere,
        ["post_start"] = "is ignored: use Kontena-style `hooks.post_start`",
        ["pre_stop"] = "is ignored: use Kontena-style `hooks.pre_stop`",
    };

    public static IEnumerable<string> All => Supported.Concat(Ignored.Keys);
}
