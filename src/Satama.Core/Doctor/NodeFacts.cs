namespace Satama.Core.Doctor;

/// <summary>
/// What the preflight looks at, as the agent collected it from its Docker Engine and host (and, for the clock, as
/// the master measured it). Null or empty means the agent could not tell; the doctor says so rather than guessing.
/// </summary>
public sealed record NodeFacts
{
    /// <summary>The engine's version, e.g. "20.10.24+dfsg1" or "27.3.1".</summary>
    public string DockerVersion { get; init; } = "";

    /// <summary>The host's kernel, e.g. "6.1.0-27-amd64".</summary>
    public string Kernel { get; init; } = "";

    /// <summary>The engine's storage driver: overlay2, overlayfs (containerd snapshotter), devicemapper, vfs, btrfs...</summary>
    public string StorageDriver { get; init; } = "";

    /// <summary>The driver's status lines (docker info's DriverStatus), e.g. "Data loop file" for devicemapper on loop devices.</summary>
    public IReadOnlyDictionary<string, string> DriverStatus { get; init; } = new Dictionary<string, string>();

    /// <summary>The engine's default log driver, e.g. json-file, local, journald.</summary>
    public string LogDriver { get; init; } = "";

    /// <summary>The default log driver's options (log-opts), or null when the agent could not read them.</summary>
    public IReadOnlyDictionary<string, string>? LogOptions { get; init; }

    /// <summary>"1" or "2" (docker info's CgroupVersion).</summary>
    public string CgroupVersion { get; init; } = "";

    /// <summary>The engine's data root, e.g. /var/lib/docker.</summary>
    public string DockerRootDir { get; init; } = "";

    /// <summary>Bytes free to unprivileged users on the filesystem of the data root; null when not measured.</summary>
    public long? DiskFreeBytes { get; init; }

    /// <summary>Size of that filesystem in bytes; null when not measured.</summary>
    public long? DiskTotalBytes { get; init; }

    /// <summary>The node's clock minus the master's (positive: the node is ahead); null when not measured.</summary>
    public TimeSpan? ClockSkew { get; init; }
}
