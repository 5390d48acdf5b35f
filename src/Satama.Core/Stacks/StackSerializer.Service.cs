using Satama.Core.Stacks.Model;
using Map = System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, object>>;
using Seq = System.Collections.Generic.List<object>;

namespace Satama.Core.Stacks;

public static partial class StackSerializer
{
    private static Map Service(StackServiceSpec s)
    {
        var m = new Map();
        Add(m, "image", s.Image);
        Add(m, "command", s.Command is null ? null : List(s.Command));
        Add(m, "entrypoint", s.Entrypoint is null ? null : List(s.Entrypoint));
        AddMap(m, "environment", s.Environment);
        if (s.Ports.Count > 0)
        {
            Add(m, "ports", s.Ports.Select(p => (object)Build(pm =>
            {
                Add(pm, "target", p.Target);
                Add(pm, "published", p.Published);
                Add(pm, "protocol", p.Protocol);
                Add(pm, "host_ip", p.HostIp);
                Add(pm, "mode", p.Mode);
            })).ToList());
        }
        AddList(m, "expose", s.Expose);
        if (s.Volumes.Count > 0)
        {
            Add(m, "volumes", s.Volumes.Select(v => (object)Build(vm =>
            {
                Add(vm, "type", v.Type);
                Add(vm, "source", v.Source);
                Add(vm, "target", v.Target);
                AddIf(vm, "read_only", v.ReadOnly);
            })).ToList());
        }
        if (s.Networks.Count > 0)
        {
            Add(m, "networks", s.Networks.Select(n => new KeyValuePair<string, object>(n.Key, Build(nm => AddList(nm, "aliases", n.Value)))).ToList());
        }
        if (s.DependsOn.Count > 0)
        {
            Add(m, "depends_on", s.DependsOn.Select(d => new KeyValuePair<string, object>(d.Service, Build(dm => Add(dm, "condition", d.Condition)))).ToList());
        }
        AddList(m, "links", s.Links);
        AddList(m, "external_links", s.ExternalLinks);
        AddMap(m, "labels", s.Labels);
        HealthCheck(m, s.HealthCheck);
        Add(m, "restart", s.Restart);
        Add(m, "init", s.Init);
        Add(m, "user", s.User);
        Add(m, "working_dir", s.WorkingDir);
        Add(m, "hostname", s.Hostname);
        AddList(m, "dns", s.Dns);
        AddList(m, "dns_search", s.DnsSearch);
        AddList(m, "extra_hosts", s.ExtraHosts);
        AddList(m, "devices", s.Devices);
        AddList(m, "cap_add", s.CapAdd);
        AddList(m, "cap_drop", s.CapDrop);
        Add(m, "privileged", s.Privileged);
        Add(m, "read_only", s.ReadOnly);
        Add(m, "pid", s.Pid);
        AddList(m, "tmpfs", s.Tmpfs);
        Add(m, "shm_size", s.ShmSize);
        AddMap(m, "sysctls", s.Sysctls);
        if (s.Ulimits.Count > 0)
        {
            Add(m, "ulimits", s.Ulimits.Select(u => new KeyValuePair<string, object>(u.Key, Ulimit(u.Value))).ToList());
        }
        Add(m, "cpus", s.Cpus);
        Add(m, "cpu_shares", s.CpuShares);
        Add(m, "mem_limit", s.MemLimit);
        Add(m, "stop_grace_period", s.StopGracePeriod);
        Add(m, "stop_signal", s.StopSignal);
        if (s.Logging is { } logging)
        {
            Add(m, "logging", Build(lm =>
            {
                Add(lm, "driver", logging.Driver);
                AddMap(lm, "options", logging.Options);
            }));
        }
        AddList(m, "profiles", s.Profiles);
        AddSecrets(m, "secrets", s.Secrets);
        AddSecrets(m, "configs", s.Configs);
        Add(m, "instances", s.Instances);
        AddIf(m, "stateful", s.Stateful);
        Deploy(m, s.Deploy);
        AddList(m, "affinity", s.Affinity);
        if (s.Hooks is { } hooks)
        {
            Add(m, "hooks", Build(hm =>
            {
                Add(hm, "pre_start", Hooks(hooks.PreStart));
                Add(hm, "post_start", Hooks(hooks.PostStart));
                Add(hm, "pre_stop", Hooks(hooks.PreStop));
            }));
        }
        Add(m, "network_mode", s.NetworkMode);
        Lb(m, s.Lb);
        return m;
    }

    private static object Ulimit(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? value : Build(u =>
        {
            Add(u, "soft", value[..colon]);
            Add(u, "hard", value[(colon + 1)..]);
        });
    }

    private static Seq Hooks(ValueList<HookSpec> hooks) => hooks.Select(h => (object)Build(m =>
    {
        Add(m, "name", h.Name);
        Add(m, "cmd", h.Cmd);
        Add(m, "instances", h.Instances);
        AddIf(m, "oneshot", h.OneShot);
    })).ToList();

    private static void AddSecrets(Map m, string key, ValueList<ServiceSecretRef> refs)
    {
        if (refs.Count == 0)
        {
            return;
        }
        Add(m, key, refs.Select(r => (object)Build(sm =>
        {
            if (r.FromVault)
            {
                Add(sm, "secret", r.Source);
                Add(sm, "name", r.Target);
                Add(sm, "type", r.Type);
            }
            else
            {
                Add(sm, "source", r.Source);
                Add(sm, "target", r.Target);
            }
            if (r.Mode is { } mode)
            {
                Add(sm, "mode", Core.Model.ServiceSecret.FormatMode(mode));
            }
            Add(sm, "uid", r.Uid);
            Add(sm, "gid", r.Gid);
        })).ToList());
    }

    private static void HealthCheck(Map m, HealthCheckSpec? h)
    {
        switch (h)
        {
            case null:
                return;
            case { Kind: HealthCheckSpec.NoneKind }:
                Add(m, "healthcheck", Build(hm => Add(hm, "disable", true)));
                return;
            case { Kind: HealthCheckSpec.CommandKind }:
                Add(m, "healthcheck", Build(hm =>
                {
                    Add(hm, "test", h.Test is null ? null : List(h.Test));
                    Add(hm, "interval", h.Interval);
                    Add(hm, "timeout", h.Timeout);
                    Add(hm, "retries", h.Retries);
                    Add(hm, "start_period", h.StartPeriod);
                }));
                return;
            default:
                Add(m, "health_check", Build(hm =>
                {
                    Add(hm, "protocol", h.Kind);
                    Add(hm, "port", h.Port);
                    Add(hm, "uri", h.Path);
                    Add(hm, "timeout", h.Timeout);
                    Add(hm, "interval", h.Interval);
                    Add(hm, "initial_delay", h.StartPeriod);
                }));
                return;
        }
    }

    private static void Deploy(Map m, DeploySpec? d)
    {
        if (d is null)
        {
            return;
        }
        Add(m, "deploy", Build(dm =>
        {
            Add(dm, "strategy", d.Strategy);
            Add(dm, "min_health", d.MinHealth);
            Add(dm, "wait_for_port", d.WaitForPort);
            Add(dm, "interval", d.Interval);
            if (d.Resources is { } r)
            {
                Add(dm, "resources", Build(rm =>
                {
                    Add(rm, "limits", r.Limits is { } l ? Build(x => { Add(x, "cpus", l.Cpus); Add(x, "memory", l.Memory); }) : null);
                    Add(rm, "reservations", r.Reservations is { } v ? Build(x => { Add(x, "cpus", v.Cpus); Add(x, "memory", v.Memory); }) : null);
                }));
            }
            if (d.UpdateConfig is { } u)
            {
                Add(dm, "update_config", Build(um =>
                {
                    Add(um, "parallelism", u.Parallelism);
                    Add(um, "delay", u.Delay);
                    Add(um, "order", u.Order);
                    Add(um, "failure_action", u.FailureAction);
                    Add(um, "monitor", u.Monitor);
                }));
            }
            if (d.RestartPolicy is { } p)
            {
                Add(dm, "restart_policy", Build(pm =>
                {
                    Add(pm, "condition", p.Condition);
                    Add(pm, "delay", p.Delay);
                    Add(pm, "max_attempts", p.MaxAttempts);
                    Add(pm, "window", p.Window);
                }));
            }
        }));
    }
}
