namespace Satama.Client.Dtos;

public sealed record NodeInfoDto(
    string DockerVersion,
    string StorageDriver,
    string Kernel,
    int Cpus,
    long MemoryBytes,
    string Os,
    string Address,
    string AgentVersion,
    string CgroupVersion,
    string LogDriver);

public sealed partial record NodeDto(
    string Id,
    string Name,
    string Grid,
    bool Online,
    IReadOnlyDictionary<string, string> Labels,
    int Containers,
    DateTimeOffset? LastSeen,
    DateTimeOffset Created,
    NodeInfoDto Info);

/// <summary>Labels to set (key → value) and keys to remove.</summary>
public sealed record NodeLabelsRequest(IReadOnlyDictionary<string, string> Set, IReadOnlyList<string>? Remove = null);
