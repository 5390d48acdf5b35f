namespace Satama.Core.Model;

/// <summary>
/// Container runtime options of a service, as Docker applies them at create. Every default is Docker's own (or the
/// agent's, for the stop grace period), so a service that sets none runs exactly as before. Equality compares the
/// contents of the lists and maps (in any order), so an unchanged stack file keeps its revision.
/// </summary>
public sealed record RuntimeSpec
{
    /// <summary>The agent's grace period between the stop signal and SIGKILL when a service sets none.</summary>
    public static readonly TimeSpan DefaultStopGracePeriod = TimeSpan.FromSeconds(2);

    public static readonly RuntimeSpec Default = new();

    /// <summary>Run an init process (tini) as PID 1 that forwards signals and reaps zombies.</summary>
    public bool Init { get; init; }

    /// <summary>How long a stop waits after the stop signal before SIGKILL; null: <see cref="DefaultStopGracePeriod"/>.</summary>
    public TimeSpan? StopGracePeriod { get; init; }

    /// <summary>The signal a stop sends first (SIGTERM, SIGINT, ...); null: the image's STOPSIGNAL or SIGTERM.</summary>
    public string? StopSignal { get; init; }

    /// <summary>Memory limit in bytes (<c>mem_limit</c>, <c>deploy.resources.limits.memory</c>); 0: none.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>CPU limit in billionths of a CPU (<c>cpus</c>, <c>deploy.resources.limits.cpus</c>); 0: none.</summary>
    public long NanoCpus { get; init; }

    /// <summary>Relative CPU weight under contention (<c>cpu_shares</c>, Docker's default 1024); 0: the default.</summary>
    public long CpuShares { get; init; }

    /// <summary>user[:group] (names or ids) the command runs as; null: the image's USER.</summary>
    public string? User { get; init; }

    /// <summary>Absolute path the command starts in; null: the image's WORKDIR.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>The container's host name; null: Docker's (the container id).</summary>
    public string? Hostname { get; init; }

    /// <summary>User labels on each container; io.satama.* are reserved and refused by the validator.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Mount the root filesystem read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>tmpfs mounts: an absolute path, optionally with Docker's options after a colon (<c>/run:size=64m</c>).</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = [];

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    public bool Privileged { get; init; }

    /// <summary>Extra /etc/hosts lines as <c>host:ip</c>.</summary>
    public IReadOnlyList<string> ExtraHosts { get; init; } = [];

    /// <summary>Size of /dev/shm in bytes; 0: Docker's 64 MiB.</summary>
    public long ShmSizeBytes { get; init; }

    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<UlimitSpec> Ulimits { get; init; } = [];

    /// <summary>DNS servers (IP addresses) for the container; on the grid's overlay they come after the node's grid DNS server.</summary>
    public IReadOnlyList<string> Dns { get; init; } = [];

    /// <summary>DNS search domains; on the grid's overlay they come after the stack's and grid's own.</summary>
    public IReadOnlyList<string> DnsSearch { get; init; } = [];

    /// <summary>Host devices as <c>HOST[:CONTAINER][:PERMISSIONS]</c> (permissions from <c>rwm</c>, default <c>rwm</c>).</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>The PID namespace: null (the container's own) or <c>host</c>.</summary>
    public string? Pid { get; init; }

    /// <summary>The logging driver (json-file, syslog, gelf, ...); null: the engine's default.</summary>
    public string? LogDriver { get; init; }

    public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();

    public bool IsDefault => Equals(Default);

    /// <summary>The grace period the agent applies, in whole seconds (Docker's unit), rounded up.</summary>
    public int StopGraceSeconds => (int)Math.Ceiling((StopGracePeriod ?? DefaultStopGracePeriod).TotalSeconds);

    public bool Equals(RuntimeSpec? other) =>
        other is not null
        && Init == other.Init
        && StopGracePeriod == other.StopGracePeriod
        && StopSignal == other.StopSignal
        && MemoryBytes == other.MemoryBytes
        && NanoCpus == other.NanoCpus
        && CpuShares == other.CpuShares
        && User == other.User
        && WorkingDir == other.WorkingDir
        && Hostname == other.Hostname
        && SameMap(Labels, other.Labels)
        && ReadOnly == other.ReadOnly
        && SameSet(Tmpfs, other.Tmpfs)
        && SameSet(CapAdd, other.CapAdd)
        && SameSet(CapDrop, other.CapDrop)
        && Privileged == other.Privileged
        && SameSet(ExtraHosts, other.ExtraHosts)
        && ShmSizeBytes == other.ShmSizeBytes
        && SameMap(Sysctls, other.Sysctls)
        && Ulimits.OrderBy(u => u.Name, StringComparer.Ordinal).SequenceEqual(other.Ulimits.OrderBy(u => u.Name, StringComparer.Ordinal))
        && Dns.SequenceEqual(other.Dns, StringComparer.Ordinal)
        && DnsSearch.SequenceEqual(other.DnsSearch, StringComparer.Ordinal)
        && SameSet(Devices, other.Devices)
        && Pid == other.Pid
        && LogDriver == other.LogDriver
        && SameMap(LogOptions, other.LogOptions);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Init);
        hash.Add(StopGracePeriod);
        hash.Add(StopSignal);
        hash.Add(MemoryBytes);
        hash.Add(NanoCpus);
        hash.Add(CpuShares);
        hash.Add(User);
        hash.Add(WorkingDir);
        hash.Add(Hostname);
        hash.Add(Labels.Count);
        hash.Add(ReadOnly);
        hash.Add(Tmpfs.Count);
        hash.Add(CapAdd.Count);
        hash.Add(CapDrop.Count);
        hash.Add(Privileged);
        hash.Add(ExtraHosts.Count);
        hash.Add(ShmSizeBytes);
        hash.Add(Sysctls.Count);
        hash.Add(Ulimits.Count);
        hash.Add(Dns.Count);
        hash.Add(DnsSearch.Count);
        hash.Add(Devices.Count);
        hash.Add(Pid);
        hash.Add(LogDriver);
        hash.Add(LogOptions.Count);
        return hash.ToHashCode();
    }

    private static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == b.Count && a.Order(StringComparer.Ordinal).SequenceEqual(b.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static bool SameMap(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && v == e.Value);
}
