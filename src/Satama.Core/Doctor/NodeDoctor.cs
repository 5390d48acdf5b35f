using System.Globalization;
using System.Text.RegularExpressions;

namespace Satama.Core.Doctor;

/// <summary>
/// The node preflight, pure: facts in, findings out, one per check in a fixed order (storage driver, Docker
/// version, kernel, log rotation, clock skew, disk space, cgroup version). Each finding has a level and, unless
/// ok, a one-line fix. Run by the master on every registration and on <c>satama node doctor</c>.
/// </summary>
public static partial class NodeDoctor
{
    /// <summary>Older engines lack API 1.41, which the agent speaks.</summary>
    public static readonly Version MinimumDocker = new(20, 10);

    /// <summary>Engines before this are past their upstream end of life.</summary>
    public static readonly Version CurrentDocker = new(25, 0);

    /// <summary>overlay2 needs 4.0; older kernels run only slower or riskier drivers.</summary>
    public static readonly Version MinimumKernel = new(4, 0);

    /// <summary>WireGuard is in the kernel from 5.6; before it the overlay falls back to wireguard-go.</summary>
    public static readonly Version WireGuardKernel = new(5, 6);

    /// <summary>Skew up to this is ok; health deadlines and offline timers are seconds long.</summary>
    public static readonly TimeSpan SkewWarn = TimeSpan.FromMilliseconds(500);

    /// <summary>Skew from this on is an error: certificates and rollout deadlines go wrong.</summary>
    public static readonly TimeSpan SkewError = TimeSpan.FromSeconds(5);

    public const long DiskErrorBytes = 2L << 30;
    public const long DiskWarnBytes = 10L << 30;
    public const double DiskErrorShare = 0.05;
    public const double DiskWarnShare = 0.15;

    private const string DaemonJson = "/etc/docker/daemon.json";

    [GeneratedRegex(@"^v?(?<major>\d+)\.(?<minor>\d+)")]
    private static partial Regex VersionPrefix();

    public static IReadOnlyList<DoctorFinding> Diagnose(NodeFacts facts) =>
    [
        StorageDriver(facts),
        DockerVersion(facts.DockerVersion),
        Kernel(facts.Kernel),
        LogRotation(facts),
        ClockSkew(facts.ClockSkew),
        DiskSpace(facts),
        Cgroup(facts.CgroupVersion),
    ];

    /// <summary>The worst level among the findings (ok when there are none).</summary>
    public static DoctorLevel Worst(IEnumerable<DoctorFinding> findings) =>
        findings.Select(f => f.Level).DefaultIfEmpty(DoctorLevel.Ok).Max();

    /// <summary>"major.minor" at the start of a version string ("20.10.24+dfsg1", "6.1.0-27-amd64"), or null.</summary>
    public static Version? ParseVersion(string text)
    {
        var match = VersionPrefix().Match(text.Trim());
        return match.Success &&
            int.TryParse(match.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major) &&
            int.TryParse(match.Groups["minor"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? new Version(major, minor)
            : null;
    }

    private static DoctorFinding StorageDriver(NodeFacts facts)
    {
        const string Check = "storage-driver";
        const string ToOverlay2 = $"set \"storage-driver\": \"overlay2\" in {DaemonJson} and restart dockerd (images and containers must be recreated)";
        var driver = facts.StorageDriver.Trim();
        switch (driver)
        {
            case "overlay2":
            case "overlayfs":
                return new(Check, DoctorLevel.Ok, $"storage driver {driver}");
            case "":
                return new(Check, DoctorLevel.Warn, "the engine did not say which storage driver it uses", "check 'docker info' on the node");
            case "devicemapper" when facts.DriverStatus.Keys.Any(k => k.Contains("loop file", StringComparison.OrdinalIgnoreCase)):
                return new(Check, DoctorLevel.Error, "storage driver devicemapper on loop devices: slow, and unfit for production", ToOverlay2);
            case "devicemapper":
                return new(Check, DoctorLevel.Warn, "storage driver devicemapper (direct-lvm): deprecated, and gone from Docker 25", ToOverlay2);
            case "vfs":
                return new(Check, DoctorLevel.Error, "storage driver vfs: no copy-on-write, every layer is a full copy; unfit for production", ToOverlay2);
            case "btrfs":
            case "zfs":
                return new(Check, DoctorLevel.Ok, $"storage driver {driver}");
            default:
                return new(Check, DoctorLevel.Warn, $"storage driver {driver}: deprecated or little used; overlay2 is the tested one", ToOverlay2);
        }
    }

    private static DoctorFinding DockerVersion(string version)
    {
        const string Check = "docker-version";
        const string Upgrade = "upgrade Docker Engine to 25 or newer (https://docs.docker.com/engine/install/)";
        if (ParseVersion(version) is not { } parsed)
        {
            return new(Check, DoctorLevel.Warn, version.Length == 0 ? "the engine did not say its version" : $"Docker {version}: not a version satama can read",
                "check 'docker version' on the node");
        }
        if (parsed < MinimumDocker)
        {
            return new(Check, DoctorLevel.Error, $"Docker {version} is older than 20.10 and lacks API 1.41, which the agent speaks", Upgrade);
        }
        return parsed < CurrentDocker
            ? new(Check, DoctorLevel.Warn, $"Docker {version} is past its upstream end of life (a distribution may still patch it)", Upgrade)
            : new(Check, DoctorLevel.Ok, $"Docker {version}");
    }

    private static DoctorFinding Kernel(string kernel)
    {
        const string Check = "kernel";
        if (ParseVersion(kernel) is not { } parsed)
        {
            return new(Check, DoctorLevel.Warn, kernel.Length == 0 ? "the engine did not say the kernel version" : $"kernel {kernel}: not a version satama can read",
                "check 'uname -r' on the node");
        }
        if (parsed < MinimumKernel)
        {
            return new(Check, DoctorLevel.Error, $"kernel {kernel} is older than 4.0: no overlay2", "upgrade the kernel to 5.6 or newer");
        }
        return parsed < WireGuardKernel
            ? new(Check, DoctorLevel.Warn, $"kernel {kernel} has no WireGuard: the overlay falls back to the slower wireguard-go", "upgrade the kernel to 5.6 or newer")
            : new(Check, DoctorLevel.Ok, $"kernel {kernel}");
    }

    private static DoctorFinding LogRotation(NodeFacts facts)
    {
        const string Check = "log-rotation";
        const string Rotate = $"set \"log-opts\": {{\"max-size\": \"10m\", \"max-file\": \"3\"}} in {DaemonJson} and restart dockerd (applies to new containers)";
        var driver = facts.LogDriver.Trim();
        switch (driver)
        {
            case "":
                return new(Check, DoctorLevel.Warn, "the engine did not say its log driver", "check 'docker info' on the node");
            case "json-file" when facts.LogOptions is null:
                return new(Check, DoctorLevel.Warn, "log driver json-file; could not tell whether it rotates", Rotate);
            case "json-file" when facts.LogOptions.TryGetValue("max-size", out var size) && size.Trim().Length > 0 && size.Trim() != "-1":
                return new(Check, DoctorLevel.Ok, $"log driver json-file, rotated at {size.Trim()}");
            case "json-file":
                return new(Check, DoctorLevel.Warn, "log driver json-file without max-size: container logs grow until the disk is full", Rotate);
            case "local":
                return new(Check, DoctorLevel.Ok, "log driver local (rotates by default)");
            case "none":
                return new(Check, DoctorLevel.Warn, "log driver none: containers keep no logs, so 'satama service logs' shows nothing",
                    $"set \"log-driver\": \"local\" in {DaemonJson} and restart dockerd");
            default:
                return new(Check, DoctorLevel.Ok, $"log driver {driver} (rotation is up to its destination)");
        }
    }

    private static DoctorFinding ClockSkew(TimeSpan? skew)
    {
        const string Check = "clock-skew";
        const string Sync = "enable time sync on the node: 'timedatectl set-ntp true' (or run chrony)";
        if (skew is not { } value)
        {
            return new(Check, DoctorLevel.Warn, "clock skew against the master was not measured", "run 'satama node doctor' while the node is online");
        }
        var size = value.Duration();
        var text = $"clock {Describe(size)} {(value < TimeSpan.Zero ? "behind" : "ahead of")} the master";
        if (size >= SkewError)
        {
            return new(Check, DoctorLevel.Error, text + ": certificates, health deadlines and offline timers go wrong", Sync);
        }
        return size > SkewWarn
            ? new(Check, DoctorLevel.Warn, text + ": timestamps across nodes disagree", Sync)
            : new(Check, DoctorLevel.Ok, text);
    }

    private static DoctorFinding DiskSpace(NodeFacts facts)
    {
        const string Check = "disk-space";
        var root = facts.DockerRootDir.Length > 0 ? facts.DockerRootDir : "the Docker data root";
        if (facts.DiskFreeBytes is not { } free || facts.DiskTotalBytes is not { } total || total <= 0)
        {
            return new(Check, DoctorLevel.Warn, $"free disk under {root} was not measured (the agent reaches the engine remotely or cannot see its data root)",
                $"check 'df -h {(facts.DockerRootDir.Length > 0 ? facts.DockerRootDir : "/var/lib/docker")}' on the node");
        }
        var share = (double)free / total;
        var text = FormattableString.Invariant($"{Bytes(free)} free of {Bytes(total)} ({share * 100:0}%) under {root}");
        const string Clean = "free space: 'docker system prune' removes unused images and stopped containers, or grow the filesystem";
        if (free < DiskErrorBytes || share < DiskErrorShare)
        {
            return new(Check, DoctorLevel.Error, text + ": image pulls and container logs will fail soon", Clean);
        }
        return free < DiskWarnBytes || share < DiskWarnShare
            ? new(Check, DoctorLevel.Warn, text + ": running low", Clean)
            : new(Check, DoctorLevel.Ok, text);
    }

    private static DoctorFinding Cgroup(string version)
    {
        const string Check = "cgroup";
        return version.Trim() switch
        {
            "2" => new(Check, DoctorLevel.Ok, "cgroup v2"),
            "1" => new(Check, DoctorLevel.Warn, "cgroup v1: deprecated by Docker and systemd, and with coarser memory accounting",
                "boot with systemd.unified_cgroup_hierarchy=1 on the kernel command line (or a distribution release that defaults to cgroup v2)"),
            "" => new(Check, DoctorLevel.Warn, "the engine did not say its cgroup version", "check 'docker info' on the node"),
            var other => new(Check, DoctorLevel.Warn, $"cgroup version {other}: not one satama knows", "check 'docker info' on the node"),
        };
    }

    private static string Describe(TimeSpan size) => size < TimeSpan.FromSeconds(1)
        ? FormattableString.Invariant($"{size.TotalMilliseconds:0} ms")
        : size < TimeSpan.FromMinutes(2)
            ? FormattableString.Invariant($"{size.TotalSeconds:0.0} s")
            : FormattableString.Invariant($"{size.TotalMinutes:0} min");

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? FormattableString.Invariant($"{bytes / (double)(1L << 30):0.0} GiB")
        : FormattableString.Invariant($"{bytes / (double)(1L << 20):0} MiB");
}
