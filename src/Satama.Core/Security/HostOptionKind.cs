namespace Satama.Core.Security;

/// <summary>The kinds of setting that give a container power over its node (see <see cref="HostOptions"/>).</summary>
public enum HostOptionKind
{
    /// <summary><c>privileged</c>: every device, every capability, no seccomp or AppArmor: root on the node.</summary>
    Privileged,

    /// <summary>A <c>cap_add</c> capability beyond Docker's default set (or <c>ALL</c>).</summary>
    Capability,

    /// <summary>A host device (<c>devices</c>).</summary>
    Device,

    /// <summary><c>pid: host</c>: the node's processes (signal, ptrace with a capability, /proc/PID/root).</summary>
    PidHost,

    /// <summary>A kernel parameter outside the container's own namespaces: it would set it for the whole node.</summary>
    Sysctl,

    /// <summary>A path of the node in the container: a bind mount, or a named volume the local driver binds.</summary>
    Bind,

    /// <summary>A named volume with driver options that mount something of the node (a block device, an overlay).</summary>
    VolumeOptions,

    /// <summary>A log driver that writes with the node's cloud credentials (awslogs, gcplogs).</summary>
    LogDriver,
}
