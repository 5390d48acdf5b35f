namespace Satama.Core.Model;

/// <summary>
/// Container runtime options of a service, as Docker applies them at create. Every default is Docker's own (or the
/// agent's, for the stop grace period), so a service that sets none runs exactly as before. Equality compares the
/// contents of the lists and maps, so an unchanged stack file keeps its revision.
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
        && CpuShares == other.CpuShares;

    public override int GetHashCode() => HashCode.Combine(Init, StopGracePeriod, StopSignal, MemoryBytes, NanoCpus, CpuShares);
}
