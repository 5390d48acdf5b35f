namespace Satama.Agent.Docker;

/// <summary>What the engine says about the node, reported in Hello.</summary>
internal sealed record EngineInfo(
    string DockerVersion,
    string StorageDriver,
    string Kernel,
    string OperatingSystem,
    int Cpus,
    long MemoryBytes,
    string CgroupVersion,
    string LogDriver);
