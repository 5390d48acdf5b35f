using System.Collections.Frozen;
using Satama.Core.Model;

namespace Satama.Core.Security;

/// <summary>
/// Finds the settings of a service that give its containers power over the node they run on: what a grid_user may
/// not ask for unless the grid allows it (docs/security.md, "Host-level options"). Pure: the master checks every
/// spec it writes on a caller's behalf with it; <see cref="Reviewed"/> says why each other setting is not host-level.
/// </summary>
public static class HostOptions
{
    /// <summary>Docker's default capability set: every container has these, so adding one back gives nothing new.</summary>
    public static readonly FrozenSet<string> DefaultCapabilities = new[]
    {
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every Linux capability, for the allowance vocabulary.</summary>
    public static readonly IReadOnlyList<string> Capabilities =
    [
        "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE",
        "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN",
        "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID",
        "SETPCAP", "SETUID", "SYSLOG", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT",
        "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM",
    ];

    /// <summary>Log drivers that write with the node's own cloud credentials (instance role, metadata server).</summary>
    public static readonly FrozenSet<string> NodeCredentialLogDrivers = new[] { "awslogs", "gcplogs" }.ToFrozenSet(StringComparer.Ordinal);

    // The kernel parameters the container's own namespaces hold (runc's list): IPC, message queues, the network
    // (a container never shares the node's network here) and, with its own UTS namespace, its host and domain name.
    private static readonly FrozenSet<string> s_namespacedSysctls = new[]
    {
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
        "kernel.shm_rmid_forced", "kernel.domainname", "kernel.hostname",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] s_namespacedSysctlPrefixes = ["net.", "fs.mqueue."];

    /// <summary>
    /// Every setting of a service, by its path in <see cref="ServiceSpec"/>, and why it is or is not host-level. A test
    /// fails when a setting is added to the spec without a line here: each new key is thought through once.
    /// </summary>
    public static readonly FrozenDictionary<string, string> Reviewed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Grid"] = "not host-level: the service's grid",
        ["Stack"] = "not host-level: a name",
        ["Name"] = "not host-level: a name",
        ["Image"] = "not host-level: what runs is confined by the settings below",
        ["Instances"] = "not host-level: a count",
        ["Env"] = "not host-level: the container's own environment",
        ["Ports"] = "not host-level: publishing a port is what a grid_user deploys for",
        ["Command"] = "not host-level: runs inside the container",
        ["Entrypoint"] = "not host-level: runs inside the container",
        ["Restart"] = "not host-level: the agent's restart policy",
        ["Revision"] = "not host-level: a counter",
        ["Placement"] = "not host-level: which of the grid's nodes",
        ["Health"] = "not host-level: probes the container, or runs inside it",
        ["Rollout"] = "not host-level: the pace of a rollout",
        ["Lb"] = "not host-level: routes of the grid's load balancer",
        ["Secrets"] = "not host-level: vault secrets of the grid (reading one is the vault's rule)",
        ["Configs"] = "not host-level: files the agent writes for the container",
        ["Mounts.Type"] = "host-level for bind: the node's files",
        ["Mounts.Source"] = "host-level for bind: the node's path",
        ["Mounts.Target"] = "not host-level: a path in the container",
        ["Mounts.ReadOnly"] = "not host-level: only takes power away",
        ["Mounts.VolumeName"] = "not host-level: a Docker volume name (no path)",
        ["Mounts.StackVolume"] = "not host-level: a name",
        ["Mounts.External"] = "not host-level at the master: the agent checks what an existing volume binds",
        ["Mounts.Driver"] = "host-level with driver options: a plugin reads them as it likes",
        ["Mounts.DriverOpts"] = "host-level unless a plain tmpfs or NFS volume: the local driver mounts a device or binds a path",
        ["Runtime.Init"] = "not host-level: tini in the container",
        ["Runtime.StopGracePeriod"] = "not host-level",
        ["Runtime.StopSignal"] = "not host-level",
        ["Runtime.MemoryBytes"] = "not host-level: a limit",
        ["Runtime.NanoCpus"] = "not host-level: a limit",
        ["Runtime.CpuShares"] = "not host-level: a weight under contention",
        ["Runtime.User"] = "not host-level: a user of the container's own namespace",
        ["Runtime.WorkingDir"] = "not host-level",
        ["Runtime.Hostname"] = "not host-level: the container's UTS namespace",
        ["Runtime.Labels"] = "not host-level: io.satama.* are refused by the validator",
        ["Runtime.ReadOnly"] = "not host-level: only takes power away",
        ["Runtime.Tmpfs"] = "not host-level: memory of the container",
        ["Runtime.CapAdd"] = "host-level beyond Docker's default set",
        ["Runtime.CapDrop"] = "not host-level: only takes power away",
        ["Runtime.Privileged"] = "host-level: root on the node",
        ["Runtime.ExtraHosts"] = "not host-level: the container's /etc/hosts",
        ["Runtime.ShmSizeBytes"] = "not host-level: memory of the container",
        ["Runtime.Sysctls"] = "host-level outside the container's namespaces",
        ["Runtime.Ulimits"] = "not host-level: per-process limits, inside the memory and CPU limits",
        ["Runtime.Dns"] = "not host-level: the container's resolvers",
        ["Runtime.DnsSearch"] = "not host-level: the container's resolvers",
        ["Runtime.Devices"] = "host-level: a device of the node",
        ["Runtime.Pid"] = "host-level: the node's processes",
        ["Runtime.LogDriver"] = "host-level for awslogs and gcplogs: they write with the node's cloud credentials",
        ["Runtime.LogOptions"] = "not host-level: options of the container's own log stream",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every host-level setting of <paramref name="spec"/>, in the order of the spec; empty for most services.</summary>
    public static IReadOnlyList<HostOption> Of(ServiceSpec spec)
    {
        var found = new List<HostOption>();
        var runtime = spec.Runtime;
        if (runtime.Privileged)
        {
            found.Add(new(HostOptionKind.Privileged, "privileged", "privileged", "runtime.privileged",
                "privileged gives the container every device and capability of the node"));
        }
        for (var i = 0; i < runtime.CapAdd.Count; i++)
        {
            var cap = Capability(runtime.CapAdd[i]);
            if (!DefaultCapabilities.Contains(cap))
            {
                found.Add(new(HostOptionKind.Capability, $"cap_add:{cap}", $"cap_add[{i}]", $"runtime.capAdd[{i}]",
                    cap == "ALL" ? "cap_add ALL gives the container every capability" : $"cap_add {cap} is beyond Docker's default capabilities"));
            }
        }
        for (var i = 0; i < runtime.Devices.Count; i++)
        {
            var path = HostPaths.Normalize(runtime.Devices[i].Split(':')[0]) ?? runtime.Devices[i];
            found.Add(new(HostOptionKind.Device, $"device:{path}", $"devices[{i}]", $"runtime.devices[{i}]", $"device {path} is a device of the node")
            {
                Path = path,
            });
        }
        if (runtime.Pid == "host")
        {
            found.Add(new(HostOptionKind.PidHost, "pid:host", "pid", "runtime.pid", "pid host shares the node's processes"));
        }
        foreach (var key in runtime.Sysctls.Keys.Order(StringComparer.Ordinal))
        {
            var name = SysctlName(key);
            if (!IsNamespacedSysctl(name))
            {
                found.Add(new(HostOptionKind.Sysctl, $"sysctl:{name}", $"sysctls.{key}", $"runtime.sysctls.{key}",
                    $"sysctl {name} is not namespaced: it would be set for the whole node"));
            }
        }
        if (runtime.LogDriver is { } driver && NodeCredentialLogDrivers.Contains(driver))
        {
            found.Add(new(HostOptionKind.LogDriver, $"log_driver:{driver}", "logging.driver", "runtime.logDriver",
                $"log driver {driver} writes with the node's cloud credentials"));
        }
        for (var i = 0; i < spec.Mounts.Count; i++)
        {
            if (Mount(spec.Mounts[i], i) is { } option)
            {
                found.Add(option);
            }
        }
        return found;
    }

    /// <summary>NET_ADMIN for <c>cap_net_admin</c> or <c>CAP_NET_ADMIN</c>, as Docker reads a capability.</summary>
    public static string Capability(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }

    /// <summary>The dotted name of a kernel parameter (<c>net/core/somaxconn</c> is <c>net.core.somaxconn</c>).</summary>
    public static string SysctlName(string key) => key.Trim().Replace('/', '.');

    /// <summary>Whether the container's own namespaces hold the parameter, so setting it touches only the container.</summary>
    public static bool IsNamespacedSysctl(string name) =>
        s_namespacedSysctls.Contains(name) || s_namespacedSysctlPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// The node path a named volume of the local driver binds (<c>o: bind</c> with a <c>device</c>), normalized; null
    /// when it binds nothing. The agent applies it to the options of a volume that exists already too.
    /// </summary>
    public static string? BoundDevice(string? driver, IReadOnlyDictionary<string, string> options)
    {
        if (!IsLocal(driver) || !options.TryGetValue("o", out var o) || !o.Split(',').Select(f => f.Trim()).Any(f => f is "bind" or "rbind"))
        {
            return null;
        }
        return options.TryGetValue("device", out var device) ? HostPaths.Normalize(device.Trim()) ?? device.Trim() : null;
    }

    private static HostOption? Mount(MountSpec mount, int index)
    {
        var stackKey = $"volumes[{index}]";
        var apiKey = $"mounts[{index}]";
        if (mount.Type == MountType.Bind)
        {
            var path = HostPaths.Normalize(mount.Source) ?? mount.Source ?? "";
            return new(HostOptionKind.Bind, $"bind:{path}", stackKey, apiKey, $"bind mount of {path} on the node") { Path = path };
        }
        if (!mount.IsNamed || mount.External || mount.DriverOpts.Count == 0)
        {
            return null;
        }
        var volume = mount.StackVolume ?? mount.VolumeName;
        if (BoundDevice(mount.Driver, mount.DriverOpts) is { } device)
        {
            return new(HostOptionKind.Bind, $"bind:{device}", stackKey, apiKey, $"volume {volume} binds {device} of the node (driver_opts o: bind)")
            {
                Path = device,
            };
        }
        return PlainVolume(mount)
            ? null
            : new(HostOptionKind.VolumeOptions, "volume_opts", stackKey, apiKey,
                $"volume {volume} has driver options that mount something of the node (only plain tmpfs and NFS volumes do not)");
    }

    // A tmpfs is memory; NFS reaches a server over the network (device ":/export"), not a path or device of the node.
    private static bool PlainVolume(MountSpec mount)
    {
        if (!IsLocal(mount.Driver))
        {
            return false;
        }
        var opts = mount.DriverOpts;
        var type = opts.TryGetValue("type", out var t) ? t.Trim() : "";
        var device = opts.TryGetValue("device", out var d) ? d.Trim() : "";
        return opts.Keys.All(k => k is "type" or "o" or "device")
            && (type == "tmpfs" || (type is "nfs" or "nfs4" && !device.StartsWith('/')));
    }

    private static bool IsLocal(string? driver) => driver is null or "" or "local";
}
