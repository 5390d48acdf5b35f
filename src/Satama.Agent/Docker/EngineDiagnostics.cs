namespace Satama.Agent.Docker;

/// <summary>
/// What the node preflight needs beyond <see cref="EngineInfo"/>: the data root and the free disk under it, the
/// storage driver's status lines and the default log driver's options. Null members: not known from here (an
/// engine reached over TCP, or a data root the agent cannot see).
/// </summary>
internal sealed record EngineDiagnostics(
    EngineInfo Engine,
    string DockerRootDir,
    IReadOnlyDictionary<string, string> DriverStatus,
    IReadOnlyDictionary<string, string>? LogOptions,
    long? DiskFreeBytes,
    long? DiskTotalBytes);
